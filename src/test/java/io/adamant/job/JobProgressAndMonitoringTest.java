package io.adamant.job;

import java.time.Duration;
import java.time.Instant;

import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator and a client watching a job see: its progress inside an epoch with an
 * estimate of the time left, the queue in {@code /actuator/health}, and the queue and the
 * running job in {@code /actuator/prometheus}.
 */
class JobProgressAndMonitoringTest extends HttpApiTest {

	private static final String LONG_JOB = """
			{"name":"progress","dataset":{"name":"digits"},
			 "model":{"type":"mlp","hiddenLayers":[{"units":32}]},
			 "optimizer":{"type":"adam","learningRate":0.001},
			 "training":{"epochs":500,"batchSize":8,"seed":3,"validationFraction":0.1}}""";

	@Test
	void aRunningJobShowsItsIterationAnEstimateAndLiveGauges() {
		String id = this.api.submit(LONG_JOB).path("id").asString();
		JsonNode job = this.api.awaitJob(id,
				running -> running.at("/progress/epochsCompleted").asInt() >= 2
						&& !running.at("/progress/iteration").isNull()
						&& !running.at("/progress/estimatedSecondsRemaining").isMissingNode()
						&& !running.at("/progress/estimatedSecondsRemaining").isNull(),
				Duration.ofMinutes(2));
		String metrics = this.api.text("/actuator/prometheus");
		this.api.post("/api/v1/jobs/" + id + "/cancel");

		JsonNode progress = job.path("progress");
		int epochs = progress.path("epochsCompleted").asInt();
		assertThat(job.path("status").asString()).isEqualTo("RUNNING");
		assertThat(progress.path("epoch").asInt()).isEqualTo(epochs + 1);
		// 90% of 1,797 digits in batches of 8
		assertThat(progress.path("iterationsPerEpoch").asInt()).isEqualTo(203);
		assertThat(progress.path("iteration").asInt()).isBetween(0, 203);
		double expected = (epochs + progress.path("iteration").asDouble() / 203) / 500;
		assertThat(progress.path("fraction").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(progress.path("percent").asDouble()).isCloseTo(expected * 100,
				org.assertj.core.data.Offset.offset(0.051));
		long secondsLeft = progress.path("estimatedSecondsRemaining").asLong();
		assertThat(secondsLeft).isPositive();
		assertThat(Instant.parse(progress.path("estimatedCompletionAt").asString()))
			.isAfter(Instant.now().plusSeconds(secondsLeft / 2));

		assertThat(metrics).containsPattern("adamant_job_samples_per_second\\{job=\"" + id + "\"} [0-9.E]+");
		assertThat(metrics).containsPattern("adamant_job_gradient_norm\\{job=\"" + id + "\"} [0-9.E]+");
		assertThat(metrics).contains("adamant_jobs{status=\"RUNNING\"}");
		assertThat(metrics).contains("adamant_queue_depth ");

		JsonNode cancelled = this.api.awaitFinished(id, Duration.ofMinutes(1));
		assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.at("/progress/estimatedSecondsRemaining").isNull()).isTrue();
		assertThat(this.api.text("/actuator/prometheus")).doesNotContain("job=\"" + id + "\"");
	}

	@Test
	void healthShowsTheDatabaseAndTheQueue() {
		JsonNode health = this.api.get("/actuator/health").body();

		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/queue/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/queue/details/queued").isNumber()).isTrue();
		assertThat(health.at("/components/queue/details/running").isNumber()).isTrue();
	}

}
