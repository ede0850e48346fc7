package io.adamant.security;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param name what the key is for, e.g. {@code alice's laptop}
 * @param owner whose resources it works with; keys of one owner share them
 * @param role {@code user} or {@code admin}
 * @param expiresAt when it stops working; never when left out
 * @param quotas limits for this key; each one left out comes from the defaults
 */
record CreateApiKeyRequest(@NotBlank @Size(max = 100) String name, @NotNull @Pattern(
		regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}",
		message = "must be 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit") String owner,
		@NotNull Role role, @Future Instant expiresAt, @Valid Quotas quotas) {
}
