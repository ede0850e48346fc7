package io.adamant.security;

/**
 * A new key with its secret, which the service does not keep and cannot show again.
 *
 * @param key the secret to send as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}
 * @param apiKey the key's record
 */
public record CreatedApiKey(String key, ApiKeyView apiKey) {
}
