package io.adamant.job;

import java.time.Duration;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job starts from another job's network with an optimizer of its own; both show the
 * lineage.
 */
class ContinueTrainingTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@Test
	void aJobContinuesFromAnotherJobsFinalCheckpointWithANewOptimizer() {
		String source = this.api.submit("""
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":16}]},
				 "optimizer":{"type":"adam","learningRate":0.02},"training":{"epochs":30,"batchSize":16,"seed":6}}""")
			.path("id")
			.asString();
		assertThat(this.api.awaitFinished(source, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");
		JsonNode sourceEpochs = this.api.get("/api/v1/jobs/" + source + "/metrics").body().path("items");

		JsonNode accepted = this.api.submit("""
				{"dataset":{"name":"iris"},"from":{"jobId":"%s"},
				 "optimizer":{"type":"sgd","learningRate":0.01},"clipping":{"type":"global-norm","threshold":1},
				 "training":{"epochs":3,"batchSize":16,"seed":6}}""".formatted(source));
		String continuation = accepted.path("id").asString();

		assertThat(accepted.at("/spec/from/checkpointId").asString())
			.isEqualTo(this.api.checkpoint(source, "FINAL").path("id").asString());
		assertThat(accepted.at("/spec/model"))
			.isEqualTo(this.api.get("/api/v1/jobs/" + source).body().at("/spec/model"));
		assertThat(this.api.awaitFinished(continuation, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");
		double firstLoss = sourceEpochs.at("/0/trainLoss").asDouble();
		double lastLoss = sourceEpochs.at("/29/trainLoss").asDouble();
		double continuedLoss = this.api.get("/api/v1/jobs/" + continuation + "/metrics")
			.body()
			.at("/items/0/trainLoss")
			.asDouble();
		assertThat(continuedLoss).as("starts where the source ended, not from scratch")
			.isLessThan(firstLoss / 3)
			.isLessThan(lastLoss * 2);
		assertThat(this.api.get("/api/v1/jobs/" + source)
			.body()
			.path("continuations")
			.valueStream()
			.map(JsonNode::asString)).containsExactly(continuation);
	}

	@Test
	void refusesToStartFromWhatDoesNotFit() {
		String queued = this.api
			.submit("""
					{"dataset":{"name":"synthetic-regression","samples":20000},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
					 "training":{"epochs":500,"batchSize":8}}""")
			.path("id")
			.asString();
		String iris = this.api
			.submit("""
					{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4}]},"training":{"epochs":1}}""")
			.path("id")
			.asString();
		this.api.awaitFinished(iris, TIMEOUT);

		assertRefused("{\"jobId\":\"00000000-0000-0000-0000-000000000000\"}", "iris", "", "from.jobId");
		assertRefused("{\"jobId\":\"%s\"}".formatted(queued), "synthetic-regression", "", "from.jobId");
		assertRefused("{\"jobId\":\"%s\"}".formatted(iris), "iris",
				",\"model\":{\"type\":\"mlp\",\"hiddenLayers\":[{\"units\":5}]}", "model");
		assertRefused("{\"jobId\":\"%s\"}".formatted(iris), "spirals", "", "dataset.name");
		assertRefused("{\"jobId\":\"%s\",\"checkpointId\":\"00000000-0000-0000-0000-000000000000\"}".formatted(iris),
				"iris", "", "from.checkpointId");
		this.api.post("/api/v1/jobs/" + queued + "/cancel");
	}

	private void assertRefused(String from, String dataset, String model, String field) {
		Api.Response response = this.api.post("/api/v1/jobs", """
				{"dataset":{"name":"%s"},"from":%s%s,"training":{"epochs":1}}""".formatted(dataset, from, model));
		assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
		assertThat(response.body().at("/errors/0/field").asString()).isEqualTo(field);
	}

}
