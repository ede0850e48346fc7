package io.adamant.training;

import java.util.List;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Gauges of the jobs this instance trains, tagged with the job id, present while the job
 * runs here: training samples per second in the current epoch and the last iteration's
 * gradient norm before clipping.
 */
@Component
class RunningJobMeters {

	private final MeterRegistry registry;

	RunningJobMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Registers a run's gauges; closing the result removes them. */
	Registration register(UUID jobId, RunProgress progress) {
		List<Meter> meters = List.of(
				gauge("adamant.job.samples.per.second", "Training samples per second in the current epoch", jobId,
						progress, RunProgress::samplesPerSecond),
				gauge("adamant.job.gradient.norm", "Global L2 gradient norm of the last iteration, before clipping",
						jobId, progress, RunProgress::lastGradientNorm),
				gauge("adamant.job.epoch.iteration", "Iterations finished in the current epoch", jobId, progress,
						RunProgress::epochIteration));
		return () -> meters.forEach(this.registry::remove);
	}

	private Meter gauge(String name, String description, UUID jobId, RunProgress progress,
			ToDoubleFunction<RunProgress> value) {
		return Gauge.builder(name, progress, value)
			.description(description)
			.tag("job", jobId.toString())
			.register(this.registry);
	}

	interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
