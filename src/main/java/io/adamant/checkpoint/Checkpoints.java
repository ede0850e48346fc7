package io.adamant.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialised networks in PostgreSQL. Content is streamed in from a file and out to the
 * client, so a checkpoint is never held in the service's heap as a whole more than once.
 */
@Service
public class Checkpoints {

	private static final String COLUMNS = "id, job_id, epoch, kind, size_bytes, sha256, metrics::text AS metrics, resume_batch, created_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Checkpoints(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores the zip at {@code file}; joins the caller's transaction. */
	@Transactional
	public CheckpointView store(UUID jobId, int epoch, CheckpointKind kind, Path file) {
		return store(jobId, epoch, kind, file, null);
	}

	/**
	 * Stores the zip at {@code file} with what it scored; joins the caller's transaction.
	 */
	@Transactional
	public CheckpointView store(UUID jobId, int epoch, CheckpointKind kind, Path file, CheckpointMetrics metrics) {
		return store(jobId, epoch, kind, file, metrics, null);
	}

	/**
	 * Stores a state taken in the middle of epoch {@code epoch + 1}, before its batch
	 * {@code resumeBatch}; joins the caller's transaction.
	 */
	@Transactional
	public CheckpointView storeInterrupted(UUID jobId, int epoch, int resumeBatch, Path file) {
		return store(jobId, epoch, CheckpointKind.SHUTDOWN, file, null, resumeBatch);
	}

	private CheckpointView store(UUID jobId, int epoch, CheckpointKind kind, Path file, CheckpointMetrics metrics,
			Integer resumeBatch) {
		String sha256 = sha256(file);
		long size = size(file);
		UUID id = UUID.randomUUID();
		try (InputStream content = Files.newInputStream(file)) {
			this.jdbc
				.sql("""
						INSERT INTO checkpoints (id, job_id, epoch, kind, size_bytes, sha256, metrics, resume_batch, content)
						VALUES (:id, :job, :epoch, :kind, :size, :sha, CAST(:metrics AS jsonb), :batch, :content)""")
				.param("id", id)
				.param("job", jobId)
				.param("epoch", epoch)
				.param("kind", kind.name())
				.param("size", size)
				.param("sha", sha256)
				.param("metrics", metrics == null ? null : this.json.writeValueAsString(metrics))
				.param("batch", resumeBatch)
				.param("content", new org.springframework.jdbc.core.support.SqlBinaryValue(content, size))
				.update();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return find(jobId, id).orElseThrow();
	}

	/**
	 * Deletes a job's checkpoints of {@code kind} but the {@code keep} latest; joins the
	 * caller's transaction.
	 */
	@Transactional
	public int prune(UUID jobId, CheckpointKind kind, int keep) {
		return this.jdbc.sql("""
				DELETE FROM checkpoints WHERE job_id = :job AND kind = :kind AND id NOT IN (
				    SELECT id FROM checkpoints WHERE job_id = :job AND kind = :kind
				    ORDER BY epoch DESC, created_at DESC LIMIT :keep)""")
			.param("job", jobId)
			.param("kind", kind.name())
			.param("keep", keep)
			.update();
	}

	/** The latest state a job taken over from a dead worker can resume from. */
	@Transactional(readOnly = true)
	public Optional<CheckpointView> latestResumable(UUID jobId) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM checkpoints WHERE job_id = :job AND kind IN ('PERIODIC', 'BEST', 'SHUTDOWN')
				ORDER BY epoch DESC, coalesce(resume_batch, 0) DESC, created_at DESC LIMIT 1""")
			.param("job", jobId)
			.query(this::toView)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<CheckpointView> list(UUID jobId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM checkpoints WHERE job_id = :job ORDER BY epoch, created_at")
			.param("job", jobId)
			.query(this::toView)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<CheckpointView> find(UUID jobId, UUID checkpointId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM checkpoints WHERE job_id = :job AND id = :id")
			.param("job", jobId)
			.param("id", checkpointId)
			.query(this::toView)
			.optional();
	}

	/** Copies a checkpoint's zip to a new temporary file, which the caller deletes. */
	public Path copyToTempFile(UUID jobId, UUID checkpointId) {
		Path file = null;
		try {
			file = Files.createTempFile("adamant-checkpoint-" + checkpointId + "-", ".zip");
			try (OutputStream out = Files.newOutputStream(file)) {
				copyContent(jobId, checkpointId, out);
			}
			return file;
		}
		catch (IOException ex) {
			if (file != null) {
				file.toFile().delete();
			}
			throw new UncheckedIOException("Could not copy checkpoint " + checkpointId, ex);
		}
	}

	/** Copies a checkpoint's zip to {@code out}. */
	public void copyContent(UUID jobId, UUID checkpointId, OutputStream out) {
		this.jdbc.sql("SELECT content FROM checkpoints WHERE job_id = :job AND id = :id")
			.param("job", jobId)
			.param("id", checkpointId)
			.query(rs -> {
				// called once per row, and the key matches at most one
				try (InputStream content = rs.getBinaryStream(1)) {
					content.transferTo(out);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
	}

	private CheckpointView toView(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String metrics = rs.getString("metrics");
		return new CheckpointView(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class),
				rs.getInt("epoch"), CheckpointKind.valueOf(rs.getString("kind")), rs.getLong("size_bytes"),
				rs.getString("sha256"), metrics == null ? null : this.json.readValue(metrics, CheckpointMetrics.class),
				rs.getObject("resume_batch", Integer.class), rs.getTimestamp("created_at").toInstant());
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String sha256(Path file) {
		try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
				MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(in.getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
