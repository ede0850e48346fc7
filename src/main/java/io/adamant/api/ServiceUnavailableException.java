package io.adamant.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** The service cannot take the request now; the client may try again later. */
public class ServiceUnavailableException extends ApiException {

	protected ServiceUnavailableException(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail,
				List.of());
	}

}
