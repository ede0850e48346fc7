package io.adamant.checkpoint;

import io.adamant.security.StoredBytes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Checkpoint bytes of an owner's jobs, counted against the owner's storage quota. */
@Component
class CheckpointStorage implements StoredBytes {

	private final JdbcClient jdbc;

	CheckpointStorage(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long storedBytes(String owner) {
		return this.jdbc.sql("""
				SELECT coalesce(sum(c.size_bytes), 0) FROM checkpoints c JOIN jobs j ON j.id = c.job_id
				WHERE j.owner = :owner""").param("owner", owner).query(Long.class).single();
	}

}
