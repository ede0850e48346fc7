package io.adamant.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.adamant.api.PageView;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: created with a random secret that is stored only as its SHA-256 (the secrets
 * are 256 random bits, so a fast hash is as safe as a slow one and costs nothing per
 * request), checked on every request, revoked by an admin.
 */
@Service
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiKeys {

	static final String SECRET_PREFIX = "adk_";

	private static final int MAX_CACHED = 10_000;

	private static final String COLUMNS = "id, name, owner, role, key_prefix, quotas::text AS quotas, created_at, expires_at, revoked_at";

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final SecurityProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	ApiKeys(JdbcClient jdbc, ObjectMapper json, SecurityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/** The caller a secret belongs to, unless it is unknown, expired or revoked. */
	public Optional<Caller> authenticate(String secret) {
		String hash = hash(secret);
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(hash);
		if (cached == null || cached.checkedAt().plus(this.properties.keyCacheTtl()).isBefore(now)) {
			cached = new Cached(findByHash(hash), now);
			if (this.cache.size() >= MAX_CACHED) {
				// random wrong secrets must not grow the cache without bound
				this.cache.clear();
			}
			this.cache.put(hash, cached);
		}
		return cached.key()
			.filter(key -> key.revokedAt() == null && (key.expiresAt() == null || key.expiresAt().isAfter(now)))
			.map(this::caller);
	}

	@Transactional
	public CreatedApiKey create(CreateApiKeyRequest request) {
		return insert(request, newSecret());
	}

	/**
	 * Creates the first admin key when there is none: {@code secret}, or a generated one.
	 * @return the new key, or empty when keys exist
	 */
	@Transactional
	public Optional<CreatedApiKey> createFirstAdmin(String secret) {
		// one instance at a time, so that two starting together create one key
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('adamant_api_keys_bootstrap'))").query().singleRow();
		if (this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_keys)").query(Boolean.class).single()) {
			return Optional.empty();
		}
		CreateApiKeyRequest request = new CreateApiKeyRequest("bootstrap admin key", "admin", Role.ADMIN, null, null);
		return Optional.of(insert(request, secret == null || secret.isBlank() ? newSecret() : secret));
	}

	@Transactional(readOnly = true)
	public PageView<ApiKeyView> list(int page, int size) {
		long total = this.jdbc.sql("SELECT count(*) FROM api_keys").query(Long.class).single();
		List<ApiKeyView> keys = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, id LIMIT :size OFFSET :offset")
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::row)
			.list()
			.stream()
			.map(StoredKey::view)
			.map(this::withStatus)
			.toList();
		return new PageView<>(keys, page, size, total, (int) ((total + size - 1) / size));
	}

	@Transactional(readOnly = true)
	public ApiKeyView get(UUID id) {
		return withStatus(find(id).view());
	}

	/** Revokes a key at once on this instance, within the cache time on the others. */
	@Transactional
	public ApiKeyView revoke(UUID id) {
		this.jdbc.sql("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id")
			.param("id", id)
			.update();
		this.cache.clear();
		return get(id);
	}

	private CreatedApiKey insert(CreateApiKeyRequest request, String secret) {
		UUID id = UUID.randomUUID();
		Quotas quotas = request.quotas() == null ? Quotas.none() : request.quotas();
		this.jdbc.sql("""
				INSERT INTO api_keys (id, name, owner, role, key_prefix, key_hash, quotas, expires_at)
				VALUES (:id, :name, :owner, :role, :prefix, :hash, CAST(:quotas AS jsonb), :expires)""")
			.param("id", id)
			.param("name", request.name())
			.param("owner", request.owner())
			.param("role", request.role().name())
			.param("prefix", secret.substring(0, Math.min(12, secret.length())))
			.param("hash", hash(secret))
			.param("quotas", this.json.writeValueAsString(quotas))
			.param("expires", request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()))
			.update();
		return new CreatedApiKey(secret, get(id));
	}

	private StoredKey find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
			.param("id", id)
			.query(this::row)
			.optional()
			.orElseThrow(() -> ApiKeyNotFoundException.forId(id));
	}

	private Optional<StoredKey> findByHash(String hash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :hash")
			.param("hash", hash)
			.query(this::row)
			.optional();
	}

	private Caller caller(StoredKey key) {
		return new Caller(key.id(), key.owner(), key.role(), effective(key.quotas()));
	}

	private Quotas effective(Quotas quotas) {
		return quotas.orElse(this.properties.defaultQuotas().asQuotas());
	}

	private ApiKeyView withStatus(ApiKeyView key) {
		String status = key.revokedAt() != null ? "revoked"
				: key.expiresAt() != null && !key.expiresAt().isAfter(this.clock.instant()) ? "expired" : "active";
		return new ApiKeyView(key.id(), key.name(), key.owner(), key.role(), key.prefix(), key.quotas(),
				effective(key.quotas()), status, key.createdAt(), key.expiresAt(), key.revokedAt());
	}

	private StoredKey row(ResultSet rs, int row) throws SQLException {
		return new StoredKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
				Role.valueOf(rs.getString("role")), rs.getString("key_prefix"),
				this.json.readValue(rs.getString("quotas"), Quotas.class), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")));
	}

	private String newSecret() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private record StoredKey(UUID id, String name, String owner, Role role, String prefix, Quotas quotas,
			Instant createdAt, Instant expiresAt, Instant revokedAt) {

		ApiKeyView view() {
			return new ApiKeyView(this.id, this.name, this.owner, this.role, this.prefix, this.quotas, null, null,
					this.createdAt, this.expiresAt, this.revokedAt);
		}

	}

	private record Cached(Optional<StoredKey> key, Instant checkedAt) {
	}

}
