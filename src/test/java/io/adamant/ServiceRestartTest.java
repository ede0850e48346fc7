package io.adamant;

import java.time.Duration;

import io.adamant.support.Api;
import io.adamant.support.ServiceInstances;
import io.adamant.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole service instances started and stopped over one database, as in a redeploy: queued
 * work survives a stop, and a running job is checkpointed between two iterations on
 * shutdown, handed back, and resumed from there by the next instance.
 */
class ServiceRestartTest {

	private static final String LONG_JOB = """
			{"dataset":{"name":"synthetic-regression","samples":30000},
			 "model":{"type":"mlp","hiddenLayers":[{"units":128},{"units":128}]},
			 "training":{"epochs":2,"batchSize":8,"seed":5}}""";

	private static final String SHORT_JOB = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
			 "training":{"epochs":3,"seed":1}}""";

	private final TestDatabase.Database database = TestDatabase.newDatabase();

	@Test
	void queuedJobsSurviveARestartAndRunningJobsAreHandedBackOnShutdown() {
		String queued;
		String running;
		int resumeBatch;
		try (ConfigurableApplicationContext first = start(true)) {
			Api api = ServiceInstances.api(first);
			running = api.submit(LONG_JOB).path("id").asString();
			queued = api.submit(SHORT_JOB).path("id").asString();
			// well inside epoch 1 (3,000 iterations), whatever the machine's speed
			api.awaitJob(running, job -> job.at("/progress/epochsCompleted").asInt() == 0
					&& job.at("/progress/iteration").asInt() >= 50, Duration.ofSeconds(60));
		}

		try (ConfigurableApplicationContext apiOnly = start(false)) {
			Api api = ServiceInstances.api(apiOnly);
			JsonNode handedBack = api.get("/api/v1/jobs/" + running).body();
			assertThat(handedBack.path("status").asString()).isEqualTo("QUEUED");
			JsonNode shutdown = api.checkpoint(running, "SHUTDOWN");
			assertThat(shutdown.path("epoch").asInt()).as("stopped in epoch 1").isZero();
			resumeBatch = shutdown.path("resumeBatch").asInt();
			assertThat(resumeBatch).as("stopped between two iterations of epoch 1").isPositive();
			assertThat(api.get("/api/v1/jobs/" + queued).body().path("status").asString()).isEqualTo("QUEUED");
		}

		try (ConfigurableApplicationContext second = start(true)) {
			Api api = ServiceInstances.api(second);
			JsonNode finished = api.awaitFinished(queued, Duration.ofMinutes(3));
			assertThat(finished.path("status").asString()).isEqualTo("SUCCEEDED");
			JsonNode resumed = api.awaitFinished(running, Duration.ofMinutes(3));
			assertThat(resumed.path("status").asString()).isEqualTo("SUCCEEDED");
			assertThat(resumed.path("attempt").asInt()).isEqualTo(2);
			JsonNode epochs = api.get("/api/v1/jobs/" + running + "/metrics").body().path("items");
			assertThat(epochs.size()).isEqualTo(2);
			assertThat(epochs.at("/0/iterations").asInt()).as("epoch 1 resumed where the shutdown left it")
				.isEqualTo(3000 - resumeBatch);
			assertThat(epochs.at("/1/iterations").asInt()).isEqualTo(3000);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ConfigurableApplicationContext start(boolean workers) {
		return ServiceInstances.start(this.database, "--adamant.worker.enabled=" + workers,
				"--adamant.worker.shutdown-grace=10s", "--adamant.queue.heartbeat-interval=500ms");
	}

}
