package io.adamant.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.adamant.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts of jobs by status and the age of the oldest queued job, read with one query and
 * kept for a moment, so that a metrics scrape and a health probe together cost one round
 * trip.
 */
@Component
class QueueStatistics {

	private static final Duration MAX_AGE = Duration.ofSeconds(2);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Snapshot snapshot;

	QueueStatistics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param jobsByStatus number of jobs in each status, every status present
	 * @param oldestQueuedSeconds how long the oldest queued job has waited; 0 with none
	 * @param readAt when it was read
	 */
	record Snapshot(Map<JobStatus, Long> jobsByStatus, double oldestQueuedSeconds, Instant readAt) {

		long count(JobStatus status) {
			return this.jobsByStatus.get(status);
		}

	}

	Snapshot current() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current == null || current.readAt().plus(MAX_AGE).isBefore(now)) {
			current = read(now);
			this.snapshot = current;
		}
		return current;
	}

	private Snapshot read(Instant now) {
		Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
		for (JobStatus status : JobStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, count(*) FROM jobs GROUP BY status")
			.query((rs, row) -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		double oldest = this.jdbc.sql("""
				SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)
				FROM jobs WHERE status = 'QUEUED'""").query(Double.class).single();
		return new Snapshot(counts, oldest, now);
	}

}
