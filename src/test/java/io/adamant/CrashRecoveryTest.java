package io.adamant;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.adamant.support.Api;
import io.adamant.support.ServiceInstances;
import io.adamant.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A worker that stops heartbeating mid-job (as a killed one does) loses its lease;
 * another instance's reaper re-queues the job, and a worker there resumes it from its
 * latest checkpoint: epochs 1..N appear once in the default series, the dead attempt's
 * row after that checkpoint is archived, and the resumed epoch repeats the lost one
 * exactly.
 */
class CrashRecoveryTest {

	private static final int EPOCHS = 8;

	private final TestDatabase.Database database = TestDatabase.newDatabase();

	@Test
	void aJobWhoseWorkerDiesIsResumedFromItsLatestCheckpointElsewhere() {
		// alpha never heartbeats (its interval is an hour): once its lease is expired
		// below,
		// it is as good as dead, though it trains on until its next write is refused
		try (ConfigurableApplicationContext alpha = start("alpha", "--adamant.queue.heartbeat-interval=1h")) {
			Api api = ServiceInstances.api(alpha);
			String id = api.submit("""
					{"dataset":{"name":"synthetic-regression","samples":24000},
					 "model":{"type":"mlp","hiddenLayers":[{"units":64,"dropout":0.1}]},
					 "training":{"epochs":%d,"batchSize":8,"seed":4,
					             "checkpoints":{"everyEpochs":2,"keepLast":1,"keepBest":false}}}""".formatted(EPOCHS))
				.path("id")
				.asString();
			api.awaitJob(id, job -> job.path("status").asString().equals("RUNNING"), Duration.ofMinutes(1));

			try (ConfigurableApplicationContext beta = start("beta", "--adamant.queue.reaper-interval=200ms",
					"--adamant.queue.lease-timeout=30s", "--adamant.queue.heartbeat-interval=300ms")) {
				// the moment after an odd epoch: its row is written, its checkpoint is
				// not (every 2)
				api.awaitJob(id, job -> {
					int done = job.at("/progress/epochsCompleted").asInt();
					return done >= 3 && done % 2 == 1;
				}, Duration.ofMinutes(3));
				alpha.getBean(JdbcClient.class)
					.sql("UPDATE jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = :id::uuid")
					.param("id", id)
					.update();

				JsonNode job = ServiceInstances.api(beta).awaitFinished(id, Duration.ofMinutes(3));

				assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
				assertThat(job.path("attempt").asInt()).isEqualTo(2);
				assertThat(job.path("workerId").asString()).startsWith("beta/");
				List<JsonNode> current = rows(api, id, false);
				assertThat(current).extracting(r -> r.path("epoch").asInt())
					.containsExactlyElementsOf(IntStream.rangeClosed(1, EPOCHS).boxed().toList());
				long resumedAfter = current.stream().filter(r -> r.path("attempt").asInt() == 1).count();
				assertThat(resumedAfter).as("resumed from a periodic checkpoint (every 2 epochs)")
					.isPositive()
					.isEven();
				assertThat(current.subList((int) resumedAfter, EPOCHS))
					.allSatisfy(r -> assertThat(r.path("attempt").asInt()).isEqualTo(2));
				JsonNode lost = rows(api, id, true).stream()
					.filter(r -> r.path("archived").asBoolean())
					.filter(r -> r.path("epoch").asInt() == resumedAfter + 1)
					.findFirst()
					.orElseThrow(() -> new AssertionError("the dead attempt's row after the checkpoint is archived"));
				assertThat(lost.path("attempt").asInt()).isEqualTo(1);
				assertThat(current.get((int) resumedAfter).path("trainLoss").asDouble())
					.as("the resumed epoch repeats the lost one")
					.isEqualTo(lost.path("trainLoss").asDouble(), within(1e-6));
			}
		}
	}

	private static List<JsonNode> rows(Api api, String id, boolean includeArchived) {
		return api.get("/api/v1/jobs/" + id + "/metrics?includeArchived=" + includeArchived)
			.body()
			.path("items")
			.valueStream()
			.toList();
	}

	private ConfigurableApplicationContext start(String name, String... settings) {
		String[] all = new String[settings.length + 2];
		all[0] = "--adamant.worker.instance-name=" + name;
		all[1] = "--adamant.worker.shutdown-grace=1s";
		System.arraycopy(settings, 0, all, 2, settings.length);
		return ServiceInstances.start(this.database, all);
	}

}
