package io.adamant.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.adamant.support.Api;
import io.adamant.support.NoWorkersApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing conventions (paging, filters, sort) and {@code Idempotency-Key} on job
 * submission. No workers run here, so submitted jobs stay queued where the test puts
 * them; every test names its jobs uniquely, because the context's database is shared.
 */
class JobListingAndIdempotencyTest extends NoWorkersApiTest {

	private static final String SPEC = """
			{"name":"%s","dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4}]},
			 "priority":%d,"training":{"epochs":2}}""";

	@Test
	void pagesCarryTotalsAndNeverOverlap() {
		String prefix = unique("paged");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.api.submit(SPEC.formatted(prefix + "-" + i, 0)).path("id").asString());
		}
		List<String> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = this.api.get("/api/v1/jobs?name=%s&size=2&page=%d".formatted(prefix, page)).body();
			assertThat(body.path("totalItems").asLong()).isEqualTo(5);
			assertThat(body.path("totalPages").asInt()).isEqualTo(3);
			body.path("items").forEach(job -> seen.add(job.path("id").asString()));
		}
		// newest first by default
		java.util.Collections.reverse(ids);
		assertThat(seen).containsExactlyElementsOf(ids);
	}

	@Test
	void filtersByNameStatusAndCreationTime() {
		String prefix = unique("filter");
		String first = this.api.submit(SPEC.formatted(prefix + "-Alpha", 0)).path("id").asString();
		Instant between = Instant.parse(this.api.get("/api/v1/jobs/" + first).body().path("createdAt").asString())
			.plusNanos(1000);
		sleep(20);
		String second = this.api.submit(SPEC.formatted(prefix + "-beta", 0)).path("id").asString();
		assertThat(this.api.post("/api/v1/jobs/" + second + "/cancel").status()).isEqualTo(200);

		assertThat(ids("/api/v1/jobs?name=" + prefix.toUpperCase() + "-ALPHA")).containsExactly(first);
		assertThat(ids("/api/v1/jobs?name=%s&status=CANCELLED".formatted(prefix))).containsExactly(second);
		assertThat(ids("/api/v1/jobs?name=%s&status=CANCELLED&status=QUEUED".formatted(prefix)))
			.containsExactlyInAnyOrder(first, second);
		assertThat(ids("/api/v1/jobs?name=%s&createdAfter=%s".formatted(prefix, between))).containsExactly(second);
		assertThat(ids("/api/v1/jobs?name=%s&createdBefore=%s".formatted(prefix, between))).containsExactly(first);
	}

	@Test
	void sortsByAnAllowedPropertyAndDirection() {
		String prefix = unique("sorted");
		String low = this.api.submit(SPEC.formatted(prefix + "-b", 1)).path("id").asString();
		String high = this.api.submit(SPEC.formatted(prefix + "-a", 9)).path("id").asString();
		String middle = this.api.submit(SPEC.formatted(prefix + "-c", 5)).path("id").asString();

		assertThat(ids("/api/v1/jobs?name=%s&sort=priority,desc".formatted(prefix))).containsExactly(high, middle, low);
		assertThat(ids("/api/v1/jobs?name=%s&sort=name".formatted(prefix))).containsExactly(high, low, middle);
		assertThat(ids("/api/v1/jobs?name=%s&sort=createdAt,asc".formatted(prefix))).containsExactly(low, high, middle);
	}

	@Test
	void badListingParametersAreProblemsNamingTheParameter() {
		assertProblem(this.api.get("/api/v1/jobs?sort=spec"), "sort");
		assertProblem(this.api.get("/api/v1/jobs?sort=name,sideways"), "sort");
		assertProblem(this.api.get("/api/v1/jobs?status=DONE"), "status");
		assertProblem(this.api.get("/api/v1/jobs?createdAfter=yesterday"), "createdAfter");
		assertProblem(this.api.get("/api/v1/jobs?createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z"),
				"createdBefore");
		assertProblem(this.api.get("/api/v1/jobs?size=1000"), "size");
	}

	@Test
	void concurrentRetriesWithOneKeyCreateOneJob() throws Exception {
		String name = unique("retried");
		String key = UUID.randomUUID().toString();
		List<Callable<Api.Response>> retries = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			retries.add(() -> this.api.post("/api/v1/jobs", SPEC.formatted(name, 0), "Idempotency-Key", key));
		}
		List<Api.Response> responses = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (Future<Api.Response> response : pool.invokeAll(retries)) {
				responses.add(response.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(202));
		assertThat(responses.stream().map(response -> response.body().path("id").asString()).distinct()).hasSize(1);
		assertThat(responses.stream().filter(response -> response.header("Idempotent-Replayed").equals("false")))
			.hasSize(1);
		assertThat(this.api.get("/api/v1/jobs?name=" + name).body().path("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void aRetryLaterReplaysTheFirstResultAndAnotherBodyIsRefused() {
		String name = unique("replayed");
		String key = UUID.randomUUID().toString();
		Api.Response first = this.api.post("/api/v1/jobs", SPEC.formatted(name, 0), "Idempotency-Key", key);
		Api.Response again = this.api.post("/api/v1/jobs", SPEC.formatted(name, 0), "Idempotency-Key", key);
		Api.Response other = this.api.post("/api/v1/jobs", SPEC.formatted(name, 3), "Idempotency-Key", key);

		assertThat(again.status()).isEqualTo(202);
		assertThat(again.body().path("id")).isEqualTo(first.body().path("id"));
		assertThat(again.header("Location")).isEqualTo(first.header("Location"));
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.body().path("type").asString()).isEqualTo("urn:adamant:problem:idempotency-key-reused");
		assertThat(other.body().at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
		assertThat(this.api.get("/api/v1/jobs?name=" + name).body().path("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void aRefusedRequestDoesNotUseUpItsKey() {
		String name = unique("refused");
		String key = UUID.randomUUID().toString();
		Api.Response refused = this.api.post("/api/v1/jobs", SPEC.formatted(name, 0).replace("iris", "no-such-data"),
				"Idempotency-Key", key);
		Api.Response accepted = this.api.post("/api/v1/jobs", SPEC.formatted(name, 0), "Idempotency-Key", key);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.header("Idempotent-Replayed")).isEqualTo("false");
	}

	@Test
	void sweepsHonourTheKeyAndListWithFilters() {
		String name = unique("sweep");
		String key = UUID.randomUUID().toString();
		String sweep = """
				{"name":"%s","base":%s,"axes":[{"path":"training.seed","values":[1,2]}]}""".formatted(name,
				SPEC.formatted("child", 0));
		Api.Response first = this.api.post("/api/v1/sweeps", sweep, "Idempotency-Key", key);
		Api.Response again = this.api.post("/api/v1/sweeps", sweep, "Idempotency-Key", key);
		String other = unique("sweep-other");
		this.api.post("/api/v1/sweeps", sweep.replace(name, other));

		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.body().path("id")).isEqualTo(first.body().path("id"));
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		JsonNode listed = this.api.get("/api/v1/sweeps?name=" + name).body();
		assertThat(listed.path("totalItems").asLong()).isEqualTo(1);
		assertThat(listed.at("/items/0/id")).isEqualTo(first.body().path("id"));
		assertThat(this.api.get("/api/v1/jobs?name=" + name).body().path("totalItems").asLong()).isEqualTo(2);
		JsonNode byName = this.api.get("/api/v1/sweeps?name=sweep-&sort=name,desc&size=100").body();
		List<String> names = new ArrayList<>();
		byName.path("items").forEach(item -> names.add(item.path("name").asString()));
		assertThat(names).contains(name, other).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertProblem(this.api.get("/api/v1/sweeps?sort=size"), "sort");
	}

	@Test
	void sweepsFilterByTheirDerivedStatus() {
		String prefix = unique("status");
		String sweep = """
				{"name":"%s","base":%s,"axes":[{"path":"training.seed","values":[1,2]}]}""";
		String queued = this.api.post("/api/v1/sweeps", sweep.formatted(prefix + "-q", SPEC.formatted("c", 0)))
			.body()
			.path("id")
			.asString();
		String cancelled = this.api.post("/api/v1/sweeps", sweep.formatted(prefix + "-c", SPEC.formatted("c", 0)))
			.body()
			.path("id")
			.asString();
		assertThat(this.api.post("/api/v1/sweeps/" + cancelled + "/cancel").status()).isEqualTo(200);

		assertThat(sweepIds("status=QUEUED&name=" + prefix)).containsExactly(queued);
		assertThat(sweepIds("status=cancelled&name=" + prefix)).containsExactly(cancelled);
		assertThat(sweepIds("status=QUEUED&status=CANCELLED&name=" + prefix + "&sort=createdAt,asc"))
			.containsExactly(queued, cancelled);
		JsonNode page = this.api.get("/api/v1/sweeps?status=QUEUED&status=CANCELLED&size=1&name=" + prefix).body();
		assertThat(page.path("totalItems").asLong()).isEqualTo(2);
		assertThat(page.path("totalPages").asInt()).isEqualTo(2);
		assertProblem(this.api.get("/api/v1/sweeps?status=DONE"), "status");
	}

	private List<String> sweepIds(String query) {
		List<String> ids = new ArrayList<>();
		this.api.get("/api/v1/sweeps?" + query).body().path("items").forEach(s -> ids.add(s.path("id").asString()));
		return ids;
	}

	@Test
	void aMalformedKeyIsRefused() {
		Api.Response response = this.api.post("/api/v1/jobs", SPEC.formatted(unique("key"), 0), "Idempotency-Key",
				"x".repeat(300));
		assertProblem(response, "Idempotency-Key");
	}

	@Test
	void prometheusCountsTheQueueAsTheApiDoes() {
		this.api.submit(SPEC.formatted(unique("counted"), 0));
		// the statistics are read at most every 2 s
		sleep(2100);
		String metrics = this.api.text("/actuator/prometheus");
		long queued = this.api.get("/api/v1/jobs?status=QUEUED").body().path("totalItems").asLong();
		long cancelled = this.api.get("/api/v1/jobs?status=CANCELLED").body().path("totalItems").asLong();

		assertThat(queued).isPositive();
		assertThat(metrics).containsPattern("(?m)^adamant_queue_depth %s$".formatted(queued + ".0"));
		assertThat(metrics).containsPattern("(?m)^adamant_jobs\\{status=\"QUEUED\"} %s$".formatted(queued + ".0"));
		assertThat(metrics)
			.containsPattern("(?m)^adamant_jobs\\{status=\"CANCELLED\"} %s$".formatted(cancelled + ".0"));
		assertThat(metrics).containsPattern("(?m)^adamant_queue_oldest_wait [0-9.E]+$");
	}

	private List<String> ids(String path) {
		Api.Response response = this.api.get(path);
		assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.body().path("items").forEach(job -> ids.add(job.path("id").asString()));
		return ids;
	}

	private static void assertProblem(Api.Response response, String field) {
		assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body().path("errors").findValuesAsString("field")).contains(field);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
