package io.adamant.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A resource the client named does not exist (or is not theirs to see). */
public class ResourceNotFoundException extends ApiException {

	protected ResourceNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail, List.of());
	}

}
