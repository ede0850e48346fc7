package io.adamant.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The resource exists but its current state does not allow the request. */
public class StateConflictException extends ApiException {

	protected StateConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict with the resource's state", detail, List.of());
	}

}
