package io.adamant.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** A request body, or a file in it, over the size the service accepts. */
public class PayloadTooLargeException extends ApiException {

	private PayloadTooLargeException(String detail, List<FieldProblem> errors) {
		super(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail, errors);
	}

	/**
	 * A part larger than {@code limit}.
	 * @param field the form field of the part, e.g. {@code file}
	 * @param limit the largest size accepted; {@code null} when it is not known
	 */
	public static PayloadTooLargeException forField(String field, DataSize limit) {
		String message = (limit == null) ? "is larger than the service accepts"
				: "is larger than the %s limit".formatted(format(limit));
		return new PayloadTooLargeException(field + ": " + message, List.of(new FieldProblem(field, message)));
	}

	/**
	 * A part larger than a limit that has a name, e.g. a quota.
	 * @param field the form field of the part
	 * @param limit the largest size accepted
	 * @param limitName what the limit is, as the client knows it
	 */
	public static PayloadTooLargeException forField(String field, DataSize limit, String limitName) {
		String message = "is larger than %s of %s".formatted(limitName, format(limit));
		return new PayloadTooLargeException(field + ": " + message, List.of(new FieldProblem(field, message)));
	}

	/**
	 * A part refused for a size-related reason of its own, e.g. what an archive expands
	 * to.
	 * @param field the form field of the part
	 * @param message what is too large, as a phrase after the field's name
	 */
	public static PayloadTooLargeException forField(String field, String message) {
		return new PayloadTooLargeException(field + ": " + message, List.of(new FieldProblem(field, message)));
	}

	/** A size as it is configured: {@code 50MB} rather than {@code 52428800B}. */
	public static String format(DataSize size) {
		long bytes = size.toBytes();
		if (bytes > 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + "MB";
		}
		if (bytes > 0 && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + "KB";
		}
		return bytes + "B";
	}

}
