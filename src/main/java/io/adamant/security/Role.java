package io.adamant.security;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a key may do: a user touches their own resources, an admin every resource and the
 * keys.
 */
public enum Role {

	@JsonProperty("admin")
	ADMIN, @JsonProperty("user")
	USER

}
