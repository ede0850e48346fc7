package io.adamant.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.adamant.api.InvalidRequestException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Makes a creating {@code POST} safe to retry: the first request with an
 * {@code Idempotency-Key} creates the resource, every later one with the same key and
 * body gets that resource back. The key is recorded in the transaction that creates the
 * resource: a concurrent retry blocks on the key's primary key until that transaction
 * ends, then replays its result (or, if it failed, creates the resource itself). No retry
 * ever creates a duplicate.
 */
@Service
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotentRequests {

	public static final String HEADER = "Idempotency-Key";

	/** Answers {@code true} on a response that replays an earlier request's result. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final int MAX_KEY_LENGTH = 255;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ObjectMapper json;

	private final IdempotencyProperties properties;

	IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json,
			IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * What a request produced, and whether this request created it or replays an earlier
	 * one.
	 *
	 * @param result the resource as it is now
	 * @param id its id
	 * @param replayed whether an earlier request with the key created it
	 */
	public record Outcome<T>(T result, UUID id, boolean replayed) {

		/**
		 * {@code 202 Accepted} with the resource, its URL (the request's plus its id) in
		 * {@code Location} and whether it was replayed.
		 */
		public ResponseEntity<T> accepted() {
			URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
				.path("/{id}")
				.buildAndExpand(this.id)
				.toUri();
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.location(location)
				.header(REPLAYED_HEADER, String.valueOf(this.replayed))
				.body(this.result);
		}

	}

	/**
	 * Runs {@code create} once per key.
	 * @param scope what kind of request the key belongs to, e.g.
	 * {@code POST /api/v1/jobs}
	 * @param key the client's key, or null to just create
	 * @param body the request body as read; the same key with another body is refused
	 * @param create creates the resource and returns it
	 * @param idOf the id of a created resource
	 * @param replay reads the resource an earlier request created
	 */
	public <T> Outcome<T> execute(String scope, String key, Object body, Supplier<T> create, Function<T, UUID> idOf,
			Function<UUID, T> replay) {
		if (key == null) {
			T created = create.get();
			return new Outcome<>(created, idOf.apply(created), false);
		}
		checkKey(key);
		String hash = hash(body);
		return this.transactions.execute(tx -> {
			forgetExpired();
			if (claim(scope, key, hash)) {
				T created = create.get();
				UUID id = idOf.apply(created);
				remember(scope, key, id);
				return new Outcome<>(created, id, false);
			}
			Recorded recorded = recorded(scope, key);
			if (!recorded.requestHash().equals(hash)) {
				throw IdempotencyKeyReusedException.forKey(key);
			}
			return new Outcome<>(replay.apply(recorded.resourceId()), recorded.resourceId(), true);
		});
	}

	private static void checkKey(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw InvalidRequestException.forField(HEADER,
					"must be 1 to %d visible ASCII characters, e.g. a UUID".formatted(MAX_KEY_LENGTH));
		}
	}

	private void forgetExpired() {
		this.jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :seconds)")
			.param("seconds", this.properties.retention().toSeconds())
			.update();
	}

	/**
	 * Inserts the key; waits if another transaction is inserting it.
	 * @return false if the key was already recorded
	 */
	private boolean claim(String scope, String key, String hash) {
		return this.jdbc.sql("""
				INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (:scope, :key, :hash)
				ON CONFLICT (scope, key) DO NOTHING""")
			.param("scope", scope)
			.param("key", key)
			.param("hash", hash)
			.update() == 1;
	}

	private void remember(String scope, String key, UUID resourceId) {
		this.jdbc.sql("UPDATE idempotency_keys SET resource_id = :id WHERE scope = :scope AND key = :key")
			.param("id", resourceId)
			.param("scope", scope)
			.param("key", key)
			.update();
	}

	private Recorded recorded(String scope, String key) {
		List<Recorded> rows = this.jdbc
			.sql("SELECT request_hash, resource_id FROM idempotency_keys WHERE scope = :scope AND key = :key")
			.param("scope", scope)
			.param("key", key)
			.query((rs, row) -> new Recorded(rs.getString(1), rs.getObject(2, UUID.class)))
			.list();
		return rows.get(0);
	}

	private String hash(Object body) {
		try {
			byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Recorded(String requestHash, UUID resourceId) {
	}

}
