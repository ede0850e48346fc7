package io.adamant.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request that is well-formed but names something that cannot be used. */
public class InvalidRequestException extends ApiException {

	private InvalidRequestException(List<FieldProblem> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				"The request has %d invalid field(s): %s".formatted(errors.size(), ProblemTypes.describe(errors)),
				errors);
	}

	public static InvalidRequestException forField(String field, String message) {
		return new InvalidRequestException(List.of(new FieldProblem(field, message)));
	}

	public static InvalidRequestException forFields(List<FieldProblem> errors) {
		return new InvalidRequestException(errors);
	}

}
