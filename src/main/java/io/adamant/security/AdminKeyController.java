package io.adamant.security;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.adamant.api.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Creating, listing and revoking API keys: admins only. */
@RestController
@RequestMapping("/api/v1/admin/keys")
class AdminKeyController {

	private final ApiKeys keys;

	AdminKeyController(ApiKeys keys) {
		this.keys = keys;
	}

	/**
	 * Creates an API key; its secret is in the response and nowhere else.
	 * @return the secret and the key's record
	 */
	@Operation(operationId = "createApiKey")
	@ApiResponse(responseCode = "201", description = "Created: the secret, shown only this once, and the key",
			headers = @Header(name = "Location", description = "The key's URL"))
	@PostMapping
	ResponseEntity<CreatedApiKey> create(Caller caller, @Valid @RequestBody CreateApiKeyRequest request) {
		requireAdmin(caller);
		CreatedApiKey created = this.keys.create(request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.apiKey().id())
			.toUri();
		return ResponseEntity.status(HttpStatus.CREATED).location(location).body(created);
	}

	/**
	 * Lists the API keys, newest first.
	 * @return one page of keys, without their secrets
	 */
	@Operation(operationId = "listApiKeys")
	@GetMapping
	PageView<ApiKeyView> list(Caller caller, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		requireAdmin(caller);
		return this.keys.list(page, size);
	}

	/**
	 * Shows an API key.
	 * @return the key, without its secret
	 */
	@Operation(operationId = "getApiKey")
	@GetMapping("/{id}")
	ApiKeyView get(Caller caller, @PathVariable UUID id) {
		requireAdmin(caller);
		return this.keys.get(id);
	}

	/**
	 * Revokes an API key; revoking it again changes nothing.
	 * @return the revoked key
	 */
	@Operation(operationId = "revokeApiKey")
	@DeleteMapping("/{id}")
	ApiKeyView revoke(Caller caller, @PathVariable UUID id) {
		requireAdmin(caller);
		return this.keys.revoke(id);
	}

	private static void requireAdmin(Caller caller) {
		if (!caller.isAdmin()) {
			throw ForbiddenException.adminOnly();
		}
	}

}
