package io.adamant;

import java.time.Duration;
import java.util.List;

import io.adamant.support.Api;
import io.adamant.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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

	private static final int EPOCHS = 5;

	private final TestDatabase.Database database = TestDatabase.newDatabase();

	@Test
	void aJobWhoseWorkerDiesIsResumedFromItsLatestCheckpointElsewhere() {
		// alpha never heartbeats (its interval is an hour): once its lease is expired
		// below,
		// it is as good as dead, though it trains on until its next write is refused
		try (ConfigurableApplicationContext alpha = start("alpha", "--adamant.queue.heartbeat-interval=1h")) {
			Api api = api(alpha);
			String id = api
				.submit("""
						{"dataset":{"name":"synthetic-regression","samples":12000},
						 "model":{"type":"mlp","hiddenLayers":[{"units":64}]},
						 "training":{"epochs":%d,"batchSize":8,"seed":4,"checkpoints":{"everyEpochs":2,"keepLast":1,"keepBest":false}}}"""
					.formatted(EPOCHS))
				.path("id")
				.asString();
			api.awaitJob(id, job -> job.at("/progress/epochsCompleted").asInt() >= 3, Duration.ofMinutes(3));
			JdbcClient jdbc = alpha.getBean(JdbcClient.class);
			jdbc.sql("UPDATE jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = :id::uuid")
				.param("id", id)
				.update();

			try (ConfigurableApplicationContext beta = start("beta", "--adamant.queue.reaper-interval=200ms",
					"--adamant.queue.lease-timeout=30s", "--adamant.queue.heartbeat-interval=300ms")) {
				JsonNode job = api(beta).awaitFinished(id, Duration.ofMinutes(3));

				assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
				assertThat(job.path("attempt").asInt()).isEqualTo(2);
				assertThat(job.path("workerId").asString()).startsWith("beta/");
				List<JsonNode> current = rows(api, id, false);
				assertThat(current).extracting(r -> r.path("epoch").asInt()).containsExactly(1, 2, 3, 4, 5);
				assertThat(current).extracting(r -> r.path("attempt").asInt()).containsExactly(1, 1, 2, 2, 2);
				List<JsonNode> archived = rows(api, id, true).stream()
					.filter(r -> r.path("archived").asBoolean())
					.toList();
				assertThat(archived).extracting(r -> r.path("epoch").asInt()).contains(3);
				JsonNode lost = archived.stream().filter(r -> r.path("epoch").asInt() == 3).findFirst().orElseThrow();
				assertThat(current.get(2).path("trainLoss").asDouble()).as("the resumed epoch 3 repeats the lost one")
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
		NativeDefaults.apply();
		String[] common = { "--server.port=0", "--spring.datasource.url=" + this.database.url(),
				"--spring.datasource.username=" + this.database.username(),
				"--spring.datasource.password=" + this.database.password(), "--adamant.worker.instance-name=" + name,
				"--adamant.worker.shutdown-grace=1s" };
		String[] all = new String[common.length + settings.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(settings, 0, all, common.length, settings.length);
		return new SpringApplicationBuilder(AdamantApplication.class).run(all);
	}

	private static Api api(ConfigurableApplicationContext context) {
		return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
