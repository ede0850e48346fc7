package io.adamant;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.adamant.support.Api;
import io.adamant.support.ServiceInstances;
import io.adamant.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection the service holds is killed on the server while a job trains (as a
 * PostgreSQL restart does): the job carries on and ends with each epoch recorded once,
 * and the LISTEN connection comes back so that new jobs still start at once.
 */
class DatabaseOutageTest {

	private final TestDatabase.Database database = TestDatabase.newDatabase();

	@Test
	void aJobSurvivesTheDatabaseDroppingEveryConnection() throws Exception {
		try (ConfigurableApplicationContext service = ServiceInstances.start(this.database,
				"--adamant.queue.poll-interval=30s", "--adamant.queue.heartbeat-interval=300ms")) {
			Api api = ServiceInstances.api(service);
			String id = api
				.submit("""
						{"dataset":{"name":"synthetic-regression","samples":6000},"model":{"type":"mlp","hiddenLayers":[{"units":32}]},
						 "training":{"epochs":6,"batchSize":8,"seed":3}}""")
				.path("id")
				.asString();
			api.awaitJob(id, job -> job.at("/progress/epochsCompleted").asInt() >= 1, Duration.ofMinutes(2));

			assertThat(dropEveryOtherConnection()).isPositive();
			Thread.sleep(1500);
			dropEveryOtherConnection();

			JsonNode job = api.awaitFinished(id, Duration.ofMinutes(3));
			assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
			List<JsonNode> rows = api.get("/api/v1/jobs/" + id + "/metrics?includeArchived=true")
				.body()
				.path("items")
				.valueStream()
				.toList();
			assertThat(rows).extracting(r -> r.path("epoch").asInt()).containsExactly(1, 2, 3, 4, 5, 6);

			JsonNode next = api
				.submit("""
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4}]},"training":{"epochs":1}}""");
			JsonNode started = api.awaitJob(next.path("id").asString(), j -> !j.path("startedAt").isNull(),
					Duration.ofSeconds(20));
			assertThat(Duration.between(Instant.parse(started.path("createdAt").asString()),
					Instant.parse(started.path("startedAt").asString())))
				.as("workers poll every 30 s: a quick start means LISTEN reconnected")
				.isLessThan(Duration.ofSeconds(10));
		}
	}

	/** Terminates every other session on the test database, as a server restart would. */
	private int dropEveryOtherConnection() throws Exception {
		try (Connection admin = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password());
				Statement statement = admin.createStatement();
				ResultSet killed = statement.executeQuery("""
						SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
						WHERE datname = current_database() AND pid <> pg_backend_pid()""")) {
			killed.next();
			return killed.getInt(1);
		}
	}

}
