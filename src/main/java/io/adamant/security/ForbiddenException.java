package io.adamant.security;

import java.util.List;

import io.adamant.api.ApiException;
import io.adamant.api.ProblemTypes;

import org.springframework.http.HttpStatus;

/** A valid key whose role does not allow the request. */
class ForbiddenException extends ApiException {

	private ForbiddenException(String detail) {
		super(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail, List.of());
	}

	static ForbiddenException adminOnly() {
		return new ForbiddenException("Only an admin key may do this");
	}

}
