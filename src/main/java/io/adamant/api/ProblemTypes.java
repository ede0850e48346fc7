package io.adamant.api;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** The problem types this API answers with, as RFC 9457 {@code type} URIs. */
public final class ProblemTypes {

	/** The namespace of every type URI. */
	public static final String URI_PREFIX = "urn:adamant:problem:";

	public static final String INVALID_REQUEST = "invalid-request";

	public static final String MALFORMED_REQUEST = "malformed-request";

	public static final String NOT_FOUND = "not-found";

	public static final String CONFLICT = "conflict";

	public static final String PAYLOAD_TOO_LARGE = "payload-too-large";

	public static final String SERVICE_UNAVAILABLE = "service-unavailable";

	public static final String UNAUTHORIZED = "unauthorized";

	public static final String FORBIDDEN = "forbidden";

	public static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";

	public static final String QUOTA_EXCEEDED = "quota-exceeded";

	public static final String INTERNAL_ERROR = "internal-error";

	/**
	 * The prefix of Spring MVC's own refusals, followed by the status: {@code http-405},
	 * {@code http-415}, …
	 */
	public static final String HTTP_STATUS_PREFIX = "http-";

	private ProblemTypes() {
	}

	public static URI uri(String slug) {
		return URI.create(URI_PREFIX + slug);
	}

	static String describe(List<FieldProblem> errors) {
		return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
	}

}
