package io.adamant.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure the API reports as an RFC 9457 problem: every domain exception extends this
 * and names its status, its problem type and, where the client sent something wrong, the
 * fields at fault.
 */
public abstract class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final List<FieldProblem> errors;

	protected ApiException(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The problem type's slug, e.g. {@code job-not-found}. */
	public String type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

}
