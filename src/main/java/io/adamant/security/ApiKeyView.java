package io.adamant.security;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as the admin API shows it; the secret itself is shown only once, when the
 * key is created.
 *
 * @param id the key's id
 * @param name what the key is for
 * @param owner whose resources it works with
 * @param role what it may do
 * @param prefix the first characters of the secret, to recognise it
 * @param quotas the limits set on this key; missing ones come from the defaults
 * @param effectiveQuotas the limits that apply, defaults filled in
 * @param status {@code active}, {@code expired} or {@code revoked}
 * @param createdAt when it was created
 * @param expiresAt when it stops working, if ever
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKeyView(UUID id, String name, String owner, Role role, String prefix, Quotas quotas,
		Quotas effectiveQuotas, String status, Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
