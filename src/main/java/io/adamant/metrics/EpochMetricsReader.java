package io.adamant.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads epoch rows as views in plain SQL: the network-wide columns only (not the
 * per-layer JSON), straight into records. {@code GET /jobs/{id}/metrics} is the endpoint
 * clients poll while a job trains, and loading entities with their layer JSON took most
 * of its time.
 */
@Component
class EpochMetricsReader {

	private static final String COLUMNS = """
			id, job_id, epoch, attempt, archived, train_loss, validation_loss, validation_accuracy,
			validation_rmse, learning_rate, grad_norm_mean, grad_norm_max, clipped_grad_norm_mean,
			clipped_grad_norm_max, clipped_fraction, non_finite_iterations, skipped_steps, parameter_norm,
			update_ratio_log10, iterations, samples, duration_ms, samples_per_second, recorded_at""";

	private final JdbcClient jdbc;

	EpochMetricsReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A job's current rows by epoch, or all its rows by epoch and attempt. */
	List<EpochMetricsView> forJob(UUID jobId, boolean includeArchived) {
		String sql = includeArchived
				? "SELECT " + COLUMNS + " FROM epoch_metrics WHERE job_id = ? ORDER BY epoch, attempt"
				: "SELECT " + COLUMNS + " FROM epoch_metrics WHERE job_id = ? AND NOT archived ORDER BY epoch";
		return this.jdbc.sql(sql).param(jobId).query((rs, row) -> view(rs)).list();
	}

	/**
	 * The job's revision: raised with every change to its rows (V12's trigger), 0 before
	 * the first.
	 */
	long revision(UUID jobId) {
		return this.jdbc.sql("SELECT revision FROM epoch_metrics_revisions WHERE job_id = ?")
			.param(jobId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/** The current rows of each job, by epoch; jobs without any are left out. */
	Map<UUID, List<EpochMetricsView>> forJobs(Collection<UUID> jobIds) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM epoch_metrics WHERE job_id IN (:jobIds) AND NOT archived ORDER BY epoch")
			.param("jobIds", jobIds)
			.query((rs, row) -> Map.entry(rs.getObject("job_id", UUID.class), view(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/** The latest current row of each job that has one. */
	Map<UUID, EpochMetricsView> latestForJobs(Collection<UUID> jobIds) {
		return byKey(this.jdbc.sql("SELECT DISTINCT ON (job_id) " + COLUMNS + """
				 FROM epoch_metrics WHERE job_id IN (:jobIds) AND NOT archived
				ORDER BY job_id, epoch DESC""").param("jobIds", jobIds),
				(rs, row) -> rs.getObject("job_id", UUID.class));
	}

	/** Rows by their ids. */
	Map<Long, EpochMetricsView> byIds(Collection<Long> ids) {
		return byKey(this.jdbc.sql("SELECT " + COLUMNS + " FROM epoch_metrics WHERE id IN (:ids)").param("ids", ids),
				(rs, row) -> rs.getLong("id"));
	}

	/** A statement's rows as views, keyed by one of their columns. */
	private static <K> Map<K, EpochMetricsView> byKey(JdbcClient.StatementSpec statement, RowMapper<K> key) {
		return keyed(statement, key, (rs, row) -> view(rs));
	}

	/** A statement's rows as values keyed by one of their columns (unique per row). */
	static <K, V> Map<K, V> keyed(JdbcClient.StatementSpec statement, RowMapper<K> key, RowMapper<V> value) {
		return statement.query((rs, row) -> Map.entry(key.mapRow(rs, row), value.mapRow(rs, row)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static EpochMetricsView view(ResultSet rs) throws SQLException {
		return new EpochMetricsView(rs.getInt("epoch"), rs.getInt("attempt"), rs.getBoolean("archived"),
				rs.getDouble("train_loss"), rs.getObject("validation_loss", Double.class),
				rs.getObject("validation_accuracy", Double.class), rs.getObject("validation_rmse", Double.class),
				rs.getObject("learning_rate", Double.class), rs.getDouble("grad_norm_mean"),
				rs.getDouble("grad_norm_max"), rs.getObject("clipped_grad_norm_mean", Double.class),
				rs.getObject("clipped_grad_norm_max", Double.class), rs.getObject("clipped_fraction", Double.class),
				rs.getInt("non_finite_iterations"), rs.getInt("skipped_steps"),
				rs.getObject("parameter_norm", Double.class), rs.getObject("update_ratio_log10", Double.class),
				rs.getInt("iterations"), rs.getInt("samples"), rs.getLong("duration_ms"),
				rs.getDouble("samples_per_second"), rs.getTimestamp("recorded_at").toInstant());
	}

}
