package io.adamant.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Aggregates the epoch rows of many jobs in one statement: a comparison of a grid of runs
 * should not load every row of every run into memory.
 */
@Component
class RunSummaries {

	// "first" and "last" by epoch through ordered array_agg: PostgreSQL has no FIRST()
	private static final String SQL = """
			SELECT job_id, count(*) AS epochs,
			  (array_agg(train_loss ORDER BY epoch DESC))[1] AS final_train_loss,
			  min(train_loss) AS best_train_loss,
			  (array_agg(epoch ORDER BY train_loss, epoch))[1] AS best_train_epoch,
			  (array_agg(validation_loss ORDER BY epoch DESC))[1] AS final_validation_loss,
			  min(validation_loss) AS best_validation_loss,
			  (array_agg(epoch ORDER BY validation_loss, epoch) FILTER (WHERE validation_loss IS NOT NULL))[1]
			    AS best_validation_epoch,
			  (array_agg(validation_accuracy ORDER BY epoch DESC))[1] AS final_validation_accuracy,
			  max(validation_accuracy) AS best_validation_accuracy,
			  min(epoch) FILTER (WHERE train_loss <= :target) AS train_target_epoch,
			  min(epoch) FILTER (WHERE validation_loss <= :target) AS validation_target_epoch,
			  sum(clipped_fraction * iterations) / NULLIF(sum(iterations) FILTER (WHERE clipped_fraction IS NOT NULL), 0)
			    AS clipped_fraction,
			  max(grad_norm_max) AS max_gradient_norm
			FROM epoch_metrics
			WHERE job_id IN (:jobIds) AND NOT archived
			GROUP BY job_id""";

	private final JdbcClient jdbc;

	RunSummaries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Jobs without a recorded epoch are left out. */
	Map<UUID, RunSummary> of(Collection<UUID> jobIds, Double targetLoss) {
		if (jobIds.isEmpty()) {
			return Map.of();
		}
		return EpochMetricsReader.keyed(this.jdbc.sql(SQL)
			.param("jobIds", jobIds)
			// a NULL target matches no epoch, so both target epochs stay NULL
			.param("target", targetLoss, Types.DOUBLE), (rs, row) -> rs.getObject("job_id", UUID.class),
				(rs, row) -> read(rs));
	}

	private static RunSummary read(ResultSet rs) throws SQLException {
		return new RunSummary(rs.getInt("epochs"), rs.getDouble("final_train_loss"), rs.getDouble("best_train_loss"),
				rs.getInt("best_train_epoch"), rs.getObject("final_validation_loss", Double.class),
				rs.getObject("best_validation_loss", Double.class),
				rs.getObject("best_validation_epoch", Integer.class),
				rs.getObject("final_validation_accuracy", Double.class),
				rs.getObject("best_validation_accuracy", Double.class),
				rs.getObject("train_target_epoch", Integer.class),
				rs.getObject("validation_target_epoch", Integer.class), rs.getObject("clipped_fraction", Double.class),
				rs.getDouble("max_gradient_norm"));
	}

}
