package io.adamant.job;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import io.adamant.support.HttpApiTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's claim, through the HTTP API: the seed's MLP on the seed's regression task
 * with plain SGD at learning rate 10 explodes within a few iterations; global-norm
 * clipping, Adam, or the rollback policy keep it training.
 */
class DivergenceTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** The seed's task and MLP (20→50→10), plain SGD at a learning rate that explodes. */
	static final String EXPLODING = """
			{"name":"%s","dataset":{"name":"synthetic-regression"},
			 "model":{"type":"mlp","hiddenLayers":[{"units":50,"activation":"relu"}]},
			 "optimizer":%s,"clipping":%s,"divergence":%s,
			 "training":{"epochs":10,"batchSize":64,"seed":1}}""";

	private static final String SGD_10 = "{\"type\":\"sgd\",\"learningRate\":10}";

	private static final String NO_CLIPPING = "{\"type\":\"none\"}";

	@Test
	void sgdWithoutClippingExplodesAndGlobalNormClippingOrAdamTrains() throws Exception {
		String exploding = submit("sgd-no-clipping", SGD_10, NO_CLIPPING, "{\"policy\":\"fail\"}");
		String clipped = submit("sgd-global-norm", SGD_10, "{\"type\":\"global-norm\",\"threshold\":0.02}", "{}");
		String adam = submit("adam", "{\"type\":\"adam\",\"learningRate\":0.01}", NO_CLIPPING, "{}");

		JsonNode diverged = this.api.awaitFinished(exploding, TIMEOUT);
		assertThat(diverged.path("status").asString()).isEqualTo("DIVERGED");
		assertThat(diverged.at("/divergence/epoch").asInt()).isEqualTo(1);
		assertThat(diverged.at("/divergence/reason").asString()).startsWith("non-finite");
		assertThat(diverged.path("failureReason").asString()).startsWith("Training diverged: the ");
		List<JsonNode> events = events(exploding);
		assertThat(events).hasSize(1);
		assertThat(events.get(0).path("type").asString()).isEqualTo("DIVERGED");
		assertLastGoodCheckpointIsFiniteAndLoadable(exploding, diverged, 0);

		JsonNode trained = this.api.awaitFinished(clipped, TIMEOUT);
		assertThat(trained.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(trained.at("/latestMetrics/trainLoss").asDouble()).isLessThan(0.05);
		assertThat(trained.at("/latestMetrics/clippedFraction").asDouble()).isPositive();
		assertThat(trained.at("/latestMetrics/clippedGradientNormMax").asDouble()).isLessThanOrEqualTo(0.02);

		JsonNode adamJob = this.api.awaitFinished(adam, TIMEOUT);
		assertThat(adamJob.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(adamJob.at("/latestMetrics/trainLoss").asDouble()).isLessThan(0.05);
	}

	@Test
	void rollbackRestoresTheLastGoodStateWithAHalvedLearningRateUntilTrainingHolds() {
		String id = submit("rollback", SGD_10, NO_CLIPPING, "{\"policy\":\"rollback\",\"learningRateFactor\":0.5}");

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
		List<JsonNode> rollbacks = events(id).stream()
			.filter(e -> e.path("type").asString().equals("ROLLBACK"))
			.toList();
		assertThat(rollbacks).isNotEmpty();
		double rate = 10;
		for (JsonNode rollback : rollbacks) {
			rate *= 0.5;
			assertThat(rollback.path("learningRate").asDouble()).isEqualTo(rate);
			assertThat(rollback.path("reason").asString()).isNotBlank();
			assertThat(rollback.path("detail").asString()).contains("rollback");
		}
		List<JsonNode> epochs = this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.toList();
		assertThat(epochs).hasSize(10);
		assertThat(epochs.get(0).path("learningRate").asDouble()).as("epochs after the rollback use the lower rate")
			.isEqualTo(rate);
		assertThat(epochs.get(9).path("trainLoss").asDouble()).isLessThan(0.05);
	}

	@Test
	void rollbackGivesUpAfterItsLimit() throws Exception {
		String id = submit("rollback-limit", SGD_10, NO_CLIPPING,
				"{\"policy\":\"rollback\",\"maxRollbacks\":2,\"learningRateFactor\":0.9}");

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).isEqualTo("DIVERGED");
		assertThat(job.path("failureReason").asString()).contains("gave up after 2 rollback(s)");
		assertThat(events(id)).extracting(e -> e.path("type").asString())
			.containsExactly("ROLLBACK", "ROLLBACK", "DIVERGED");
		assertThat(events(id).get(1).path("learningRate").asDouble()).isEqualTo(8.1,
				org.assertj.core.api.Assertions.within(1e-9));
		assertLastGoodCheckpointIsFiniteAndLoadable(id, job, 0);
	}

	@Test
	void skipStepDropsTheOffendingUpdatesAndCountsThem() {
		String id = this.api
			.submit("""
					{"dataset":{"name":"synthetic-regression"},"model":{"type":"mlp","hiddenLayers":[{"units":50}]},
					 "optimizer":{"type":"sgd","learningRate":0.3},
					 "divergence":{"policy":"skip-step","lossSpikeThreshold":0.5,"gradientNormSpikeThreshold":0,"window":16},
					 "training":{"epochs":10,"batchSize":64,"seed":1}}""")
			.path("id")
			.asString();

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
		List<JsonNode> epochs = this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.toList();
		int skipped = epochs.stream().mapToInt(e -> e.path("skippedSteps").asInt()).sum();
		assertThat(skipped).isPositive();
		epochs.forEach(e -> assertThat(e.path("iterations").asInt() + e.path("skippedSteps").asInt())
			.as("every minibatch is either a step or a skip")
			.isEqualTo(13));
		List<JsonNode> events = events(id);
		assertThat(events).isNotEmpty()
			.allSatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("STEP_SKIPPED"))
			.allSatisfy(e -> assertThat(e.path("reason").asString()).isEqualTo("loss-spike"));
		assertThat(events).hasSize(Math.min(skipped, 20));
		assertThat(events.stream().map(e -> e.path("iteration").asInt()).distinct().count()).isEqualTo(events.size());
	}

	@Test
	void skipStepEndsDivergedWhenNoStepCanBeTaken() {
		String id = submit("skip-hopeless", SGD_10, NO_CLIPPING, "{\"policy\":\"skip-step\"}");

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).isEqualTo("DIVERGED");
		assertThat(events(id)).anySatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("STEP_SKIPPED"));
		assertThat(events(id).get(events(id).size() - 1).path("type").asString()).isEqualTo("DIVERGED");
	}

	private void assertLastGoodCheckpointIsFiniteAndLoadable(String id, JsonNode job, int epoch) throws Exception {
		JsonNode checkpoint = this.api.checkpoint(id, "LAST_GOOD");
		assertThat(checkpoint.path("kind").asString()).isEqualTo("LAST_GOOD");
		assertThat(checkpoint.path("epoch").asInt()).isEqualTo(epoch);
		assertThat(job.at("/divergence/lastGoodCheckpointId").asString()).isEqualTo(checkpoint.path("id").asString());
		byte[] zip = this.api.download("/api/v1/jobs/" + id + "/checkpoints/" + checkpoint.path("id").asString())
			.body();
		MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), true);
		assertThat(BooleanIndexing.or(network.params(), Conditions.isNan())).isFalse();
		assertThat(BooleanIndexing.or(network.params(), Conditions.isInfinite())).isFalse();
	}

	private String submit(String name, String optimizer, String clipping, String divergence) {
		return this.api.submit(EXPLODING.formatted(name, optimizer, clipping, divergence)).path("id").asString();
	}

	private List<JsonNode> events(String id) {
		return this.api.get("/api/v1/jobs/" + id + "/events").body().path("items").valueStream().toList();
	}

}
