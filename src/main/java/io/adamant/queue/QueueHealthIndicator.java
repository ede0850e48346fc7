package io.adamant.queue;

import io.adamant.job.JobStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The queue as {@code /actuator/health} shows it, under {@code components.queue}: up when
 * the jobs table answers, with its depth, the jobs running and the oldest wait.
 */
@Component("queue")
class QueueHealthIndicator extends AbstractHealthIndicator {

	private final QueueStatistics statistics;

	QueueHealthIndicator(QueueStatistics statistics) {
		super("Queue health check failed");
		this.statistics = statistics;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		QueueStatistics.Snapshot snapshot = this.statistics.current();
		builder.up()
			.withDetail("queued", snapshot.count(JobStatus.QUEUED))
			.withDetail("running", snapshot.count(JobStatus.RUNNING))
			.withDetail("oldestQueuedSeconds", Math.round(snapshot.oldestQueuedSeconds()));
	}

}
