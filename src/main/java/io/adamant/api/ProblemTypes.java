package io.adamant.api;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** The problem types this API answers with, as RFC 9457 {@code type} URIs. */
public final class ProblemTypes {

	public static final String INVALID_REQUEST = "invalid-request";

	public static final String MALFORMED_REQUEST = "malformed-request";

	public static final String NOT_FOUND = "not-found";

	public static final String CONFLICT = "conflict";

	public static final String PAYLOAD_TOO_LARGE = "payload-too-large";

	public static final String SERVICE_UNAVAILABLE = "service-unavailable";

	private ProblemTypes() {
	}

	public static URI uri(String slug) {
		return URI.create("urn:adamant:problem:" + slug);
	}

	static String describe(List<FieldProblem> errors) {
		return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
	}

}
