package io.adamant.security;

import java.util.List;

import io.adamant.api.ApiException;
import io.adamant.api.ProblemTypes;

import org.springframework.http.HttpStatus;

/** A request without a valid API key. */
class AuthenticationRequiredException extends ApiException {

	private AuthenticationRequiredException(String detail) {
		super(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Authentication required", detail, List.of());
	}

	static AuthenticationRequiredException missingKey() {
		return new AuthenticationRequiredException(
				"Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
	}

	static AuthenticationRequiredException invalidKey() {
		return new AuthenticationRequiredException("The API key is unknown, expired or revoked");
	}

}
