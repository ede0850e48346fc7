package io.adamant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.adamant.support.Api;
import io.adamant.support.EventStream;
import io.adamant.support.EventStream.Event;
import io.adamant.support.ServiceInstances;
import io.adamant.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client follows a job live on an instance that does not train, while other instances
 * train it: the database's notifications carry every status, epoch and the end across.
 * The serving instance re-reads only every hour, so only notifications can deliver in
 * time. And an instance limits its streams and ends them when it stops.
 */
class EventStreamAcrossInstancesTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	/** Seconds per epoch: the first trainer is still at it when it shuts down. */
	private static final String SLOW_JOB = """
			{"dataset":{"name":"synthetic-regression","samples":20000},
			 "model":{"type":"mlp","hiddenLayers":[{"units":32}]},
			 "training":{"epochs":4,"batchSize":8,"seed":5}}""";

	private static final String JOB = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
			 "training":{"epochs":1,"seed":5}}""";

	private final TestDatabase.Database database = TestDatabase.newDatabase();

	@Test
	void aStreamOnAnInstanceThatDoesNotTrainFollowsTheJobAcrossTheInstancesThatTrainIt() {
		try (ConfigurableApplicationContext server = ServiceInstances.start(this.database,
				"--adamant.worker.enabled=false", "--adamant.events.poll-interval=1h",
				"--adamant.events.heartbeat-interval=100ms")) {
			Api api = ServiceInstances.api(server);
			String id = api.submit(SLOW_JOB).path("id").asString();
			try (EventStream stream = EventStream.open(api, "/api/v1/jobs/" + id + "/events", null)) {
				assertThat(stream.next(TIMEOUT).json().path("status").asString()).isEqualTo("QUEUED");

				List<Event> events = new ArrayList<>();
				try (ConfigurableApplicationContext first = trainer("first")) {
					while (data(events, "epoch").isEmpty()) {
						events.add(stream.next(TIMEOUT));
					}
				} // its shutdown hands the job back to the queue
				try (ConfigurableApplicationContext second = trainer("second")) {
					events.addAll(stream.readToEnd(TIMEOUT));
				}

				List<JsonNode> statuses = data(events, "status");
				assertThat(statuses).extracting(status -> status.path("status").asString())
					.containsExactly("RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
				assertThat(statuses.get(0).path("workerId").asString()).startsWith("first/");
				assertThat(statuses.get(1).path("previousStatus").asString()).as("re-queued").isEqualTo("RUNNING");
				assertThat(statuses.get(2).path("workerId").asString()).startsWith("second/");
				assertThat(statuses.get(2).path("attempt").asInt()).isEqualTo(2);
				assertThat(data(events, "epoch")).extracting(epoch -> epoch.path("epoch").asInt())
					.containsExactly(1, 2, 3, 4);
				assertThat(stream.comments()).as("heartbeats").isPositive();
			}
		}
	}

	@Test
	void anInstanceServesAtMostItsLimitOfStreamsAndEndsThemWhenItStops() {
		ConfigurableApplicationContext server = ServiceInstances.start(this.database, "--adamant.worker.enabled=false",
				"--adamant.events.max-streams=2", "--adamant.events.heartbeat-interval=100ms");
		Api api = ServiceInstances.api(server);
		String path = "/api/v1/jobs/" + api.submit(JOB).path("id").asString() + "/events";
		try (EventStream first = EventStream.open(api, path, null);
				EventStream second = EventStream.open(api, path, null)) {
			try (EventStream third = EventStream.open(api, path, null)) {
				assertThat(third.status()).isEqualTo(503);
				assertThat(third.problem().path("type").asString())
					.isEqualTo("urn:adamant:problem:service-unavailable");
			}
			second.close();
			// the next heartbeat finds the client gone and frees its place
			awaitReopens(api, path);

			long stopping = System.nanoTime();
			server.close();
			assertThat(first.readToEnd(Duration.ofSeconds(30))).extracting(Event::name).containsExactly("status");
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("open streams do not hold up shutdown")
				.isLessThan(Duration.ofSeconds(20));
		}
		finally {
			server.close();
		}
	}

	private ConfigurableApplicationContext trainer(String name) {
		return ServiceInstances.start(this.database, "--adamant.worker.instance-name=" + name);
	}

	private static void awaitReopens(Api api, String path) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try (EventStream stream = EventStream.open(api, path, null)) {
				if (stream.status() == 200) {
					return;
				}
			}
			assertThat(System.nanoTime()).as("a place freed within 10 s").isLessThan(deadline);
		}
	}

	private static List<JsonNode> data(List<Event> events, String name) {
		return events.stream().filter(event -> name.equals(event.name())).map(Event::json).toList();
	}

}
