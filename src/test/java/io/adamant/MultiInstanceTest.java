package io.adamant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.adamant.support.Api;
import io.adamant.support.ServiceInstances;
import io.adamant.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on one database share the queue: every job runs to completion
 * exactly once, with each epoch recorded once, and both instances do work.
 */
class MultiInstanceTest {

	private final TestDatabase.Database database = TestDatabase.newDatabase();

	@Test
	void twoInstancesShareTheQueueAndRunEachJobExactlyOnce() {
		try (ConfigurableApplicationContext alpha = start("alpha");
				ConfigurableApplicationContext beta = start("beta")) {
			Api first = ServiceInstances.api(alpha);
			Api second = ServiceInstances.api(beta);
			List<String> jobs = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				Api submitter = i % 2 == 0 ? first : second;
				jobs.add(submitter.submit("""
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
						 "training":{"epochs":3,"batchSize":32,"seed":%d}}""".formatted(i)).path("id").asString());
			}

			Set<String> instances = new HashSet<>();
			for (String id : jobs) {
				JsonNode job = first.awaitFinished(id, Duration.ofMinutes(3));
				assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
				assertThat(job.path("attempt").asInt()).as("claimed once").isEqualTo(1);
				instances.add(job.path("workerId").asString().split("/")[0]);
				List<JsonNode> rows = second.get("/api/v1/jobs/" + id + "/metrics?includeArchived=true")
					.body()
					.path("items")
					.valueStream()
					.toList();
				assertThat(rows).extracting(row -> row.path("epoch").asInt()).containsExactly(1, 2, 3);
				assertThat(second.checkpoint(id, "FINAL").path("epoch").asInt()).isEqualTo(3);
			}
			assertThat(instances).containsExactlyInAnyOrder("alpha", "beta");
		}
	}

	private ConfigurableApplicationContext start(String name) {
		return ServiceInstances.start(this.database, "--adamant.worker.instance-name=" + name,
				"--adamant.worker.concurrency=1", "--adamant.queue.poll-interval=1s");
	}

}
