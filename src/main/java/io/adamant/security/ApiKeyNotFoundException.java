package io.adamant.security;

import java.util.UUID;

import io.adamant.api.ResourceNotFoundException;

/** No API key with that id. */
class ApiKeyNotFoundException extends ResourceNotFoundException {

	private ApiKeyNotFoundException(String detail) {
		super(detail);
	}

	static ApiKeyNotFoundException forId(UUID id) {
		return new ApiKeyNotFoundException("No API key has id " + id);
	}

}
