package io.adamant.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.adamant.support.Api;
import io.adamant.support.NoWorkersApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each quota of a key, over its limit. No workers run here, so submitted jobs stay queued
 * and count as active.
 */
class QuotaTest extends NoWorkersApiTest {

	private static final String JOB = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":%d}]},"training":{"epochs":%d}}""";

	@Test
	void activeJobsOverTheQuotaAreRefusedWith429EvenWhenSubmittedTogether() throws Exception {
		Api user = userWith("\"maxActiveJobs\":2");
		List<Callable<Api.Response>> submissions = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			submissions.add(() -> user.post("/api/v1/jobs", JOB.formatted(4, 2)));
		}
		List<Integer> statuses = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			for (Future<Api.Response> response : pool.invokeAll(submissions)) {
				statuses.add(response.get().status());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(statuses).containsOnly(202, 429).filteredOn(status -> status == 202).hasSize(2);

		Api.Response refused = user.post("/api/v1/jobs", JOB.formatted(4, 2));
		assertQuota(refused, 429, "quota.maxActiveJobs", "maxActiveJobs = 2");
		assertThat(refused.body().path("type").asString()).isEqualTo("urn:adamant:problem:quota-exceeded");

		// cancelling one frees a place
		String queued = user.get("/api/v1/jobs").body().at("/items/0/id").asString();
		user.post("/api/v1/jobs/" + queued + "/cancel");
		assertThat(user.post("/api/v1/jobs", JOB.formatted(4, 2)).status()).isEqualTo(202);
	}

	@Test
	void epochsOverTheQuotaAreRefused() {
		Api user = userWith("\"maxEpochs\":5");
		assertThat(user.post("/api/v1/jobs", JOB.formatted(4, 5)).status()).isEqualTo(202);
		assertQuota(user.post("/api/v1/jobs", JOB.formatted(4, 6)), 400, "training.epochs", "quota of 5 epochs");
	}

	@Test
	void parametersOverTheQuotaAreRefused() {
		// iris: 4 inputs, 3 classes; 4 hidden units have 4*4+4 + 4*3+3 = 35 parameters
		Api user = userWith("\"maxParameters\":40");
		assertThat(user.post("/api/v1/jobs", JOB.formatted(4, 1)).status()).isEqualTo(202);
		assertQuota(user.post("/api/v1/jobs", JOB.formatted(5, 1)), 400, "model", "the limit is 40");
	}

	@Test
	void aDatasetOverTheSizeQuotaIsRefusedWith413() throws Exception {
		Api user = userWith("\"maxDatasetBytes\":1000");
		assertQuota(user.postMultipart("/api/v1/datasets", iris("too-big-" + System.nanoTime())), 413, "file",
				"maxDatasetBytes quota of 1000B");
	}

	@Test
	void storageOverTheQuotaIsRefusedWith429() throws Exception {
		long iris = Files.size(Path.of("src/main/resources/datasets/iris/iris.csv"));
		Api user = userWith("\"maxStorageBytes\":%d".formatted(iris + iris / 2));
		assertThat(user.postMultipart("/api/v1/datasets", iris("first-" + System.nanoTime())).status()).isEqualTo(201);
		Api.Response second = user.postMultipart("/api/v1/datasets", iris("second-" + System.nanoTime()));
		assertQuota(second, 429, "quota.maxStorageBytes", "maxStorageBytes");
	}

	@Test
	void sweepsOverTheGridQuotaAreRefused() {
		Api user = userWith("\"maxSweepSize\":3");
		String sweep = """
				{"name":"s","base":%s,"axes":[{"path":"training.seed","values":%s}]}""";
		assertThat(user.post("/api/v1/sweeps", sweep.formatted(JOB.formatted(4, 1), "[1,2,3]")).status())
			.isEqualTo(202);
		assertQuota(user.post("/api/v1/sweeps", sweep.formatted(JOB.formatted(4, 1), "[1,2,3,4]")), 400, "axes",
				"the limit is 3");
	}

	@Test
	void sweepJobsCountAsActiveJobs() {
		Api user = userWith("\"maxActiveJobs\":2");
		String sweep = """
				{"name":"s","base":%s,"axes":[{"path":"training.seed","values":[1,2,3]}]}"""
			.formatted(JOB.formatted(4, 1));
		Api.Response refused = user.post("/api/v1/sweeps", sweep);
		assertQuota(refused, 429, "quota.maxActiveJobs", "maxActiveJobs = 2");
		assertThat(user.get("/api/v1/jobs").body().path("totalItems").asLong()).isZero();
		assertThat(user.get("/api/v1/sweeps").body().path("totalItems").asLong()).isZero();
	}

	@Test
	void quotasAreShownOnTheKeyWithTheDefaultsFilledIn() {
		Api.Response created = this.api.post("/api/v1/admin/keys",
				"{\"name\":\"q\",\"owner\":\"quota-view\",\"role\":\"user\",\"quotas\":{\"maxEpochs\":7}}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.body().at("/apiKey/quotas/maxEpochs").asInt()).isEqualTo(7);
		assertThat(created.body().at("/apiKey/quotas/maxActiveJobs").isNull()).isTrue();
		assertThat(created.body().at("/apiKey/effectiveQuotas/maxEpochs").asInt()).isEqualTo(7);
		assertThat(created.body().at("/apiKey/effectiveQuotas/maxActiveJobs").asInt()).isEqualTo(100);
	}

	@Test
	void invalidKeyRequestsNameTheField() {
		Api.Response response = this.api.post("/api/v1/admin/keys",
				"{\"name\":\"q\",\"owner\":\"not ok!\",\"role\":\"user\",\"quotas\":{\"maxEpochs\":0},\"expiresAt\":\"2001-01-01T00:00:00Z\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").findValuesAsString("field")).contains("owner", "quotas.maxEpochs",
				"expiresAt");
	}

	private Api userWith(String quotas) {
		return this.api
			.withKey(this.api.createKey("quota-" + System.nanoTime(), "user", ",\"quotas\":{" + quotas + "}"));
	}

	private static void assertQuota(Api.Response response, int status, String field, String message) {
		assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
		assertThat(response.body().at("/errors/0/field").asString()).isEqualTo(field);
		assertThat(response.body().path("detail").asString()).contains(message);
	}

	private static Api.Multipart iris(String name) throws java.io.IOException {
		return new Api.Multipart().field("name", name)
			.field("labelColumn", "species")
			.field("task", "classification")
			.file("file", "iris.csv", Files.readAllBytes(Path.of("src/main/resources/datasets/iris/iris.csv")));
	}

}
