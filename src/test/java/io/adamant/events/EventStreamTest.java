package io.adamant.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.adamant.support.EventStream;
import io.adamant.support.EventStream.Event;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's live events through the HTTP API as an {@code EventSource} reads them: status
 * changes, one event per epoch and the job's events, ending with the final status; a
 * client that reconnects with {@code Last-Event-ID} gets exactly what it missed.
 */
class EventStreamTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final String IRIS = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
			 "training":{"epochs":%d,"batchSize":32,"seed":3,"validationFraction":0.2}}""";

	/**
	 * Plain SGD at rate 10 explodes; two rollbacks at 0.9 do not save it
	 * (DivergenceTest).
	 */
	private static final String ROLLS_BACK_AND_DIVERGES = """
			{"dataset":{"name":"synthetic-regression"},
			 "model":{"type":"mlp","hiddenLayers":[{"units":50,"activation":"relu"}]},
			 "optimizer":{"type":"sgd","learningRate":10},"clipping":{"type":"none"},
			 "divergence":{"policy":"rollback","maxRollbacks":2,"learningRateFactor":0.9},
			 "training":{"epochs":10,"batchSize":64,"seed":1}}""";

	@Test
	void streamsEveryStatusAndEpochOfAJobAndEndsWithItsFinalStatus() {
		String id = this.api.submit(IRIS.formatted(6)).path("id").asString();

		List<Event> events;
		try (EventStream stream = EventStream.open(this.api, "/api/v1/jobs/" + id + "/events", null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
			events = stream.readToEnd(TIMEOUT);
		}

		// the stream starts at the submission whenever the client connects
		assertThat(statuses(events)).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
		assertThat(events.get(0).name()).isEqualTo("status");
		assertThat(events.get(events.size() - 1).name()).as("the final status ends the stream").isEqualTo("status");
		assertThat(events).extracting(Event::numericId).isSorted().doesNotHaveDuplicates();
		JsonNode running = events.get(1).json();
		assertThat(running.path("jobId").asString()).isEqualTo(id);
		assertThat(running.path("previousStatus").asString()).isEqualTo("QUEUED");
		assertThat(running.path("attempt").asInt()).isEqualTo(1);
		assertThat(running.path("workerId").asString()).isNotBlank();
		List<JsonNode> epochs = data(events, "epoch");
		assertThat(epochs).extracting(epoch -> epoch.path("epoch").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(epochs).as("each epoch as /metrics shows it").isEqualTo(metrics(id));
	}

	@Test
	void theJsonListOfEventsStaysTheDefault() {
		String id = this.api.submit(IRIS.formatted(1)).path("id").asString();
		this.api.awaitFinished(id, TIMEOUT);

		JsonNode list = this.api.get("/api/v1/jobs/" + id + "/events").body();

		assertThat(list.path("jobId").asString()).isEqualTo(id);
		assertThat(list.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(list.path("items").isArray()).isTrue();
	}

	@Test
	void reconnectingWithTheLastEventIdGetsExactlyTheRest() {
		String id = this.api.submit(IRIS.formatted(8)).path("id").asString();
		String path = "/api/v1/jobs/" + id + "/events";

		List<Event> seen = new ArrayList<>();
		try (EventStream stream = EventStream.open(this.api, path, null)) {
			while (data(seen, "epoch").size() < 3) {
				seen.add(stream.next(TIMEOUT));
			}
		}
		String lastEventId = seen.get(seen.size() - 1).id();
		List<Event> rest;
		try (EventStream stream = EventStream.open(this.api, path, lastEventId)) {
			rest = stream.readToEnd(TIMEOUT);
		}
		List<Event> all;
		try (EventStream stream = EventStream.open(this.api, path, null)) {
			all = stream.readToEnd(TIMEOUT);
		}

		List<Event> resumed = new ArrayList<>(seen);
		resumed.addAll(rest);
		assertThat(resumed).as("no duplicates, no gaps").isEqualTo(all);
		assertThat(data(all, "epoch")).hasSize(8);
		assertThat(statuses(rest)).endsWith("SUCCEEDED");
		try (EventStream afterTheEnd = EventStream.open(this.api, path, all.get(all.size() - 1).id())) {
			assertThat(afterTheEnd.readToEnd(Duration.ofSeconds(30))).as("nothing follows the final status").isEmpty();
		}
	}

	@Test
	void aDivergingJobStreamsItsRollbacksAndItsDivergence() {
		String id = this.api.submit(ROLLS_BACK_AND_DIVERGES).path("id").asString();

		List<Event> events;
		try (EventStream stream = EventStream.open(this.api, "/api/v1/jobs/" + id + "/events", null)) {
			events = stream.readToEnd(TIMEOUT);
		}

		assertThat(events).extracting(Event::name)
			.filteredOn(name -> !name.equals("status") && !name.equals("epoch"))
			.containsExactly("rollback", "rollback", "diverged");
		assertThat(statuses(events)).containsExactly("QUEUED", "RUNNING", "DIVERGED");
		JsonNode diverged = events.get(events.size() - 1).json();
		assertThat(diverged.path("failureReason").asString()).contains("gave up after 2 rollback(s)");
		List<JsonNode> jobEvents = new ArrayList<>(data(events, "rollback"));
		jobEvents.addAll(data(events, "diverged"));
		assertThat(jobEvents).as("each event as /events shows it")
			.isEqualTo(this.api.get("/api/v1/jobs/" + id + "/events").body().path("items").valueStream().toList());
	}

	@Test
	void theApiDocumentsBothRepresentations() {
		JsonNode content = this.api.get("/v3/api-docs")
			.body()
			.at("/paths/~1api~1v1~1jobs~1{id}~1events/get/responses/200/content");
		System.out.println("CONTENT " + content);
		assertThat(content.has("text/event-stream")).isTrue();
	}

	@Test
	void anUnknownJobIsNotFound() {
		try (EventStream stream = EventStream.open(this.api, "/api/v1/jobs/" + UUID.randomUUID() + "/events", null)) {
			assertThat(stream.status()).isEqualTo(404);
			assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
			assertThat(stream.problem().path("type").asString()).isEqualTo("urn:adamant:problem:not-found");
		}
	}

	@Test
	void aLastEventIdThatIsNoNumberIsInvalid() {
		String path = "/api/v1/jobs/" + UUID.randomUUID() + "/events";

		try (EventStream stream = EventStream.open(this.api, path, "latest")) {
			assertThat(stream.status()).isEqualTo(400);
			assertThat(stream.problem().path("type").asString()).isEqualTo("urn:adamant:problem:invalid-request");
		}
	}

	private List<JsonNode> metrics(String id) {
		return this.api.get("/api/v1/jobs/" + id + "/metrics").body().path("items").valueStream().toList();
	}

	static List<String> statuses(List<Event> events) {
		return data(events, "status").stream().map(status -> status.path("status").asString()).toList();
	}

	static List<JsonNode> data(List<Event> events, String name) {
		return events.stream().filter(event -> name.equals(event.name())).map(Event::json).toList();
	}

}
