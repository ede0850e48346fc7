package io.adamant.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.adamant.support.Api;
import io.adamant.support.EventStream;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint as six callers see it: no key, a revoked key, an expired key, another
 * user's key, the owner's key and an admin key. Another owner's resources answer 404,
 * exactly like resources that do not exist, and no response to another owner carries the
 * owner's ids or names.
 */
class SecurityMatrixTest extends HttpApiTest {

	private static final String JOB = """
			{"name":"alice-iris","dataset":{"name":"%s"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
			 "training":{"epochs":2,"batchSize":16,"seed":1,"validationFraction":0.2}}""";

	private static final String SWEEP = """
			{"name":"alice-sweep","base":%s,"axes":[{"path":"training.seed","values":[1]}]}""".formatted(JOB);

	enum Caller {

		NONE, REVOKED, EXPIRED, OTHER_USER, OWNER, ADMIN

	}

	private final Map<Caller, Api> callers = new LinkedHashMap<>();

	private String owner;

	private String jobId;

	private String checkpointId;

	private String dataset;

	private String sweepId;

	@BeforeEach
	void createCallersAndTheOwnersResources() throws Exception {
		String suffix = Long.toString(System.nanoTime(), 36);
		this.owner = "alice-" + suffix;
		String expiring = this.api.createKey("carol-" + suffix, "user",
				",\"expiresAt\":\"%s\"".formatted(Instant.now().plusSeconds(2)));
		String revoked = this.api.createUserKey("dave-" + suffix);
		String revokedId = keyId(revoked);
		assertThat(this.api.delete("/api/v1/admin/keys/" + revokedId).status()).isEqualTo(200);
		this.callers.put(Caller.NONE, this.api.withKey(null));
		this.callers.put(Caller.REVOKED, this.api.withKey(revoked));
		this.callers.put(Caller.EXPIRED, this.api.withKey(expiring));
		this.callers.put(Caller.OTHER_USER, this.api.withKey(this.api.createUserKey("bob-" + suffix)));
		this.callers.put(Caller.OWNER, this.api.withKey(this.api.createUserKey(this.owner)));
		this.callers.put(Caller.ADMIN, this.api);

		Api alice = this.callers.get(Caller.OWNER);
		this.dataset = "iris-of-" + suffix;
		assertThat(alice.postMultipart("/api/v1/datasets", upload(this.dataset)).status()).isEqualTo(201);
		this.jobId = alice.submit(JOB.formatted(this.dataset)).path("id").asString();
		assertThat(alice.awaitFinished(this.jobId, Duration.ofMinutes(2)).path("status").asString())
			.isEqualTo("SUCCEEDED");
		this.checkpointId = alice.checkpoint(this.jobId, "FINAL").path("id").asString();
		this.sweepId = alice.post("/api/v1/sweeps", SWEEP.formatted("iris")).body().path("id").asString();
		awaitSweep(alice);
		// the expiring key has run out by now
		Thread.sleep(2100);
	}

	@Test
	void everyEndpointAnswersEachCallerAsItShould() {
		List<String> failures = new ArrayList<>();
		Resources real = new Resources(this.jobId, this.checkpointId, this.dataset, this.sweepId);
		Resources absent = new Resources(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				"no-such-" + Long.toString(System.nanoTime(), 36), UUID.randomUUID().toString());
		List<Endpoint> endpoints = endpoints(real);
		List<Endpoint> probes = endpoints(absent);
		for (int i = 0; i < endpoints.size(); i++) {
			Endpoint endpoint = endpoints.get(i);
			for (Map.Entry<Caller, Api> caller : this.callers.entrySet()) {
				int expected = endpoint.expected().apply(caller.getKey());
				Api.Response response = endpoint.call().apply(caller.getValue());
				if (response.status() != expected) {
					failures.add("%s as %s: expected %d, got %d %s".formatted(endpoint.name(), caller.getKey(),
							expected, response.status(), response.body()));
				}
				if (caller.getKey() == Caller.OTHER_USER && expected == 404) {
					// exactly what a resource that never existed gets
					String probe = probes.get(i).call().apply(caller.getValue()).body().toString();
					assertThat(response.body().toString()).as(endpoint.name() + " tells another user it exists")
						.isEqualTo(probe.replace(absent.jobId(), real.jobId())
							.replace(absent.checkpointId(), real.checkpointId())
							.replace(absent.dataset(), real.dataset())
							.replace(absent.sweepId(), real.sweepId()));
				}
				else if (caller.getKey() == Caller.OTHER_USER) {
					assertThat(response.body().toString()).as(endpoint.name() + " leaks to another user")
						.doesNotContain(this.jobId, this.dataset, this.owner);
				}
				if (expected == 401) {
					assertThat(response.header("WWW-Authenticate")).as(endpoint.name()).startsWith("Bearer");
					assertThat(response.body().path("type").asString()).isEqualTo("urn:adamant:problem:unauthorized");
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void listingsShowOnlyTheCallersOwnResourcesAndAdminsEverything() {
		assertThat(ids(Caller.OWNER, "/api/v1/jobs?size=100")).contains(this.jobId);
		assertThat(ids(Caller.ADMIN, "/api/v1/jobs?size=100")).contains(this.jobId);
		assertThat(ids(Caller.OTHER_USER, "/api/v1/jobs?size=100")).doesNotContain(this.jobId);
		assertThat(names(Caller.OWNER)).contains(this.dataset, "iris");
		assertThat(names(Caller.ADMIN)).contains(this.dataset);
		assertThat(names(Caller.OTHER_USER)).contains("iris").doesNotContain(this.dataset);
	}

	@Test
	void anotherUsersDatasetAndJobCannotBeUsedBySubmission() {
		Api bob = this.callers.get(Caller.OTHER_USER);
		Api.Response foreignData = bob.post("/api/v1/jobs", JOB.formatted(this.dataset));
		Api.Response foreignStart = bob.post("/api/v1/jobs",
				"{\"dataset\":{\"name\":\"iris\"},\"from\":{\"jobId\":\"%s\"},\"training\":{\"epochs\":1}}"
					.formatted(this.jobId));

		assertThat(foreignData.status()).isEqualTo(400);
		assertThat(foreignData.body().at("/errors/0/field").asString()).isEqualTo("dataset.name");
		assertThat(foreignData.body().toString()).doesNotContain("does not fit");
		assertThat(foreignStart.status()).isEqualTo(400);
		assertThat(foreignStart.body().at("/errors/0/field").asString()).isEqualTo("from.jobId");
	}

	private List<Endpoint> endpoints(Resources resources) {
		String job = "/api/v1/jobs/" + resources.jobId();
		List<Endpoint> endpoints = new ArrayList<>();
		endpoints.add(new Endpoint("GET /jobs", api -> api.get("/api/v1/jobs"), valid(200)));
		endpoints.add(new Endpoint("POST /jobs", api -> api.post("/api/v1/jobs", JOB.formatted("iris")), valid(202)));
		endpoints.add(new Endpoint("GET /jobs/{id}", api -> api.get(job), owned(200)));
		endpoints.add(new Endpoint("GET /jobs/{id}/metrics", api -> api.get(job + "/metrics"), owned(200)));
		endpoints
			.add(new Endpoint("GET /jobs/{id}/metrics/layers", api -> api.get(job + "/metrics/layers"), owned(200)));
		endpoints.add(new Endpoint("GET /jobs/{id}/events", api -> api.get(job + "/events"), owned(200)));
		endpoints.add(new Endpoint("GET /jobs/{id}/checkpoints", api -> api.get(job + "/checkpoints"), owned(200)));
		endpoints.add(new Endpoint("GET /jobs/{id}/checkpoints/{id}",
				api -> asResponse(api.download(job + "/checkpoints/" + resources.checkpointId())), owned(200)));
		endpoints.add(new Endpoint("POST /jobs/{id}/predict",
				api -> api.post(job + "/predict", "{\"features\":[[5.1,3.5,1.4,0.2]]}"), owned(200)));
		// the job has ended: its owner is told so, others learn nothing
		endpoints.add(new Endpoint("POST /jobs/{id}/cancel", api -> api.post(job + "/cancel"), owned(409)));
		endpoints.add(new Endpoint("GET /jobs/{id}/events (SSE)", api -> stream(api, job + "/events"), owned(200)));
		String sweep = "/api/v1/sweeps/" + resources.sweepId();
		endpoints.add(new Endpoint("GET /sweeps", api -> api.get("/api/v1/sweeps"), valid(200)));
		endpoints
			.add(new Endpoint("POST /sweeps", api -> api.post("/api/v1/sweeps", SWEEP.formatted("iris")), valid(202)));
		endpoints.add(new Endpoint("GET /sweeps/{id}", api -> api.get(sweep), owned(200)));
		endpoints.add(new Endpoint("GET /sweeps/{id}/curves", api -> api.get(sweep + "/curves"), owned(200)));
		// the sweep has ended
		endpoints.add(new Endpoint("POST /sweeps/{id}/cancel", api -> api.post(sweep + "/cancel"), owned(409)));
		endpoints.add(new Endpoint("GET /datasets", api -> api.get("/api/v1/datasets"), valid(200)));
		endpoints.add(new Endpoint("GET /datasets/{name}", api -> api.get("/api/v1/datasets/" + resources.dataset()),
				owned(200)));
		// in use by the owner's job
		endpoints.add(new Endpoint("DELETE /datasets/{name}",
				api -> api.delete("/api/v1/datasets/" + resources.dataset()), owned(409)));
		endpoints.add(new Endpoint("POST /datasets",
				api -> api.postMultipart("/api/v1/datasets", upload("up-" + System.nanoTime())), valid(201)));
		endpoints.add(new Endpoint("GET /admin/keys", api -> api.get("/api/v1/admin/keys"), admin(200)));
		endpoints.add(new Endpoint("POST /admin/keys",
				api -> api.post("/api/v1/admin/keys", "{\"name\":\"k\",\"owner\":\"eve\",\"role\":\"user\"}"),
				admin(201)));
		endpoints.add(new Endpoint("GET /actuator/health", api -> api.get("/actuator/health"), caller -> 200));
		endpoints.add(new Endpoint("GET /actuator/prometheus", api -> asResponse(api.download("/actuator/prometheus")),
				valid(200)));
		endpoints.add(new Endpoint("GET /v3/api-docs", api -> api.get("/v3/api-docs"), caller -> 200));
		return endpoints;
	}

	/** Any valid key may call it. */
	private static Function<Caller, Integer> valid(int status) {
		return caller -> switch (caller) {
			case NONE, REVOKED, EXPIRED -> 401;
			default -> status;
		};
	}

	/** Only the owner and admins see the resource; for anyone else it does not exist. */
	private static Function<Caller, Integer> owned(int status) {
		return caller -> switch (caller) {
			case NONE, REVOKED, EXPIRED -> 401;
			case OTHER_USER -> 404;
			default -> status;
		};
	}

	private static Function<Caller, Integer> admin(int status) {
		return caller -> switch (caller) {
			case NONE, REVOKED, EXPIRED -> 401;
			case OTHER_USER, OWNER -> 403;
			default -> status;
		};
	}

	private List<String> ids(Caller caller, String path) {
		List<String> ids = new ArrayList<>();
		this.callers.get(caller).get(path).body().path("items").forEach(job -> ids.add(job.path("id").asString()));
		return ids;
	}

	private List<String> names(Caller caller) {
		List<String> names = new ArrayList<>();
		this.callers.get(caller)
			.get("/api/v1/datasets?size=200")
			.body()
			.path("items")
			.forEach(dataset -> names.add(dataset.path("name").asString()));
		return names;
	}

	private String keyId(String secret) {
		for (JsonNode key : this.api.get("/api/v1/admin/keys?size=100").body().path("items")) {
			if (secret.startsWith(key.path("prefix").asString())) {
				return key.path("id").asString();
			}
		}
		throw new AssertionError("no key listed for " + secret);
	}

	private static Api.Multipart upload(String name) {
		try {
			byte[] csv = Files.readAllBytes(Path.of("src/main/resources/datasets/iris/iris.csv"));
			return new Api.Multipart().field("name", name)
				.field("labelColumn", "species")
				.field("task", "classification")
				.file("file", "iris.csv", csv);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Api.Response asResponse(java.net.http.HttpResponse<byte[]> response) {
		String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
		JsonNode body = text.startsWith("{") ? Api.parse(text) : Api.parse("{}");
		return new Api.Response(response.statusCode(), body, response.headers());
	}

	private static Api.Response stream(Api api, String path) {
		try (EventStream stream = EventStream.open(api, path, null)) {
			JsonNode body = stream.status() == 200 ? Api.parse("{}") : stream.problem();
			if (stream.status() == 200) {
				// the job has ended, so its stream replays and closes
				assertThat(stream.readToEnd(Duration.ofSeconds(20))).isNotEmpty();
			}
			String challenge = stream.header("WWW-Authenticate");
			return new Api.Response(stream.status(), body,
					java.net.http.HttpHeaders.of(
							challenge == null ? Map.of() : Map.of("WWW-Authenticate", List.of(challenge)),
							(name, value) -> true));
		}
	}

	private void awaitSweep(Api alice) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!alice.get("/api/v1/sweeps/" + this.sweepId).body().path("status").asString().equals("SUCCEEDED")) {
			assertThat(System.nanoTime()).as("sweep finished in time").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private record Resources(String jobId, String checkpointId, String dataset, String sweepId) {
	}

	private record Endpoint(String name, Function<Api, Api.Response> call, Function<Caller, Integer> expected) {
	}

}
