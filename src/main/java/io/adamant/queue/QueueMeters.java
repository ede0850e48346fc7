package io.adamant.queue;

import java.util.function.ToDoubleFunction;

import io.adamant.job.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Queue depth, jobs by status and the oldest queued job's wait, for every instance's
 * {@code /actuator/prometheus} (they read the shared database, so any instance answers
 * for the whole service).
 */
@Component
class QueueMeters implements MeterBinder {

	private final QueueStatistics statistics;

	QueueMeters(QueueStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "adamant.queue.depth", "Jobs waiting for a worker",
				snapshot -> snapshot.count(JobStatus.QUEUED));
		gauge(registry, "adamant.queue.oldest.wait", "Seconds the oldest queued job has waited",
				QueueStatistics.Snapshot::oldestQueuedSeconds);
		for (JobStatus status : JobStatus.values()) {
			Gauge.builder("adamant.jobs", this.statistics, statistics -> statistics.current().count(status))
				.description("Jobs by status")
				.tag("status", status.name())
				.register(registry);
		}
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<QueueStatistics.Snapshot> value) {
		Gauge.builder(name, this.statistics, statistics -> value.applyAsDouble(statistics.current()))
			.description(description)
			.register(registry);
	}

}
