package io.adamant.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each model family trains through the HTTP API to a stated quality on a fitting built-in
 * dataset, predicts, and is refused at submission when it does not fit its dataset.
 */
class ModelFamiliesTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(4);

	@Test
	void mlpAndCnnLearnTheDigitsAndTheSeedsConvNetLearnsShapes() {
		String mlp = submit("""
				{"dataset":{"name":"digits"},
				 "model":{"type":"mlp","hiddenLayers":[{"units":64,"dropout":0.1,"batchNorm":true}],"weightInit":"he"},
				 "optimizer":{"type":"adam","learningRate":0.005},"training":{"epochs":8,"batchSize":32,"seed":1}}""");
		String cnn = submit("""
				{"dataset":{"name":"digits"},
				 "model":{"type":"cnn","convolutions":[{"filters":16,"kernel":3,"padding":1,"pooling":{"type":"max"}}],
				          "denseLayers":[{"units":32}]},
				 "optimizer":{"type":"adam","learningRate":0.005},"training":{"epochs":5,"batchSize":32,"seed":1}}""");
		// the seed's ConvNet: conv 5x5x6, pool, conv 5x5x16, pool, dense 120, (84),
		// output
		String seedConvNet = submit("""
				{"dataset":{"name":"shapes"},
				 "model":{"type":"cnn","convolutions":[
				    {"filters":6,"kernel":5,"pooling":{"type":"max","size":2}},
				    {"filters":16,"kernel":5,"pooling":{"type":"max","size":2}}],
				  "denseLayers":[{"units":120},{"units":84}]},
				 "optimizer":{"type":"adam","learningRate":0.002},"training":{"epochs":5,"batchSize":32,"seed":1}}""");

		assertThat(finalAccuracy(mlp)).isGreaterThanOrEqualTo(0.9);
		assertThat(finalAccuracy(cnn)).isGreaterThanOrEqualTo(0.9);
		assertThat(finalAccuracy(seedConvNet)).isGreaterThanOrEqualTo(0.75);
		// conv 3·3·1·16+16, dense 16·4·4·32+32, output 32·10+10
		assertThat(this.api.get("/api/v1/jobs/" + cnn).body().path("parameters").asLong()).isEqualTo(160 + 8224 + 330);
		// conv 5·5·3·6+6, conv 5·5·6·16+16, dense 16·5·5·120+120, dense 120·84+84, output
		// 84·3+3
		assertThat(this.api.get("/api/v1/jobs/" + seedConvNet).body().path("parameters").asLong())
			.isEqualTo(456 + 2416 + 48120 + 10164 + 255);
		JsonNode layers = this.api.get("/api/v1/jobs/" + cnn + "/metrics/layers").body().at("/items/0/layers");
		assertThat(layers.valueStream().map(l -> l.path("name").asString())).first()
			.asString()
			.startsWith("convolution");
	}

	@Test
	void recurrentNetworksBeatTheirTasksBaselines() {
		String adding = submit("""
				{"dataset":{"name":"adding-problem","samples":1000,"sequenceLength":10},
				 "model":{"type":"rnn","cell":"lstm","layers":[{"units":32}]},
				 "optimizer":{"type":"adam","learningRate":0.01},"training":{"epochs":8,"batchSize":32,"seed":1}}""");
		String lstmEcho = submit("""
				{"dataset":{"name":"delayed-echo","samples":500},
				 "model":{"type":"rnn","layers":[{"units":16}],"output":"per-step"},
				 "optimizer":{"type":"adam","learningRate":0.01},"training":{"epochs":8,"batchSize":32,"seed":1}}""");
		String simpleEcho = submit("""
				{"dataset":{"name":"delayed-echo","samples":500},
				 "model":{"type":"rnn","cell":"simple","layers":[{"units":16}],"output":"per-step"},
				 "optimizer":{"type":"adam","learningRate":0.01},"training":{"epochs":8,"batchSize":32,"seed":1}}""");

		// predicting the mean sum (1.0) of two U(0,1) values has MSE 1/6
		double addingRmse = finished(adding).at("/latestMetrics/validationRmse").asDouble();
		assertThat(addingRmse * addingRmse).isLessThan(1.0 / 6 / 4);
		// predicting 0 everywhere has RMSE about sqrt(17/20) = 0.92 on 20-step sequences
		assertThat(finished(lstmEcho).at("/latestMetrics/validationRmse").asDouble()).isLessThan(0.5);
		assertThat(finished(simpleEcho).at("/latestMetrics/validationRmse").asDouble()).isLessThan(0.5);

		JsonNode perStep = this.api
			.post("/api/v1/jobs/" + lstmEcho + "/predict",
					"{\"features\":[[0.5,-1,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}")
			.body();
		List<JsonNode> steps = perStep.at("/predictions/0/steps").valueStream().toList();
		assertThat(steps).hasSize(20);
		assertThat(steps.get(3).path("values").path(0).asDouble()).as("the input 3 steps earlier was 0.5")
			.isBetween(0.0, 1.0);
		assertThat(steps.get(5).path("values").path(0).asDouble()).as("the input 3 steps earlier was 2")
			.isGreaterThan(1.0);
	}

	@Test
	void predictsWithTheFinalCheckpointAndItsNormaliser() {
		String iris = submit("""
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":16}]},
				 "optimizer":{"type":"adam","learningRate":0.02},"training":{"epochs":40,"batchSize":16,"seed":2}}""");
		assertThat(finished(iris).at("/latestMetrics/validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);

		Api.Response response = this.api.post("/api/v1/jobs/" + iris + "/predict", """
				{"features":[[5.1,3.5,1.4,0.2],[6.4,3.2,4.5,1.5],[7.7,3.8,6.7,2.2]]}""");

		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> predictions = response.body().path("predictions").valueStream().toList();
		assertThat(predictions).extracting(p -> p.path("label").asString())
			.containsExactly("setosa", "versicolor", "virginica");
		assertThat(predictions.get(0).path("probabilities").path("setosa").asDouble()).isGreaterThan(0.5);
		assertThat(response.body().path("checkpointId").asString())
			.isEqualTo(this.api.checkpoint(iris, "FINAL").path("id").asString());

		Api.Response wrongWidth = this.api.post("/api/v1/jobs/" + iris + "/predict",
				"{\"features\":[[5.1,3.5,1.4,0.2],[1,2,3]]}");
		assertThat(wrongWidth.status()).isEqualTo(400);
		assertThat(wrongWidth.body().at("/errors/0/field").asString()).isEqualTo("features[1]");
		assertThat(wrongWidth.body().at("/errors/0/message").asString()).isEqualTo("expected 4 values, got 3");
		assertThat(this.api.post("/api/v1/jobs/" + iris + "/predict", "{\"features\":[]}").status()).isEqualTo(400);
	}

	@Test
	void regressionPredictionsAreValuesAndAJobWithoutCheckpointCannotPredict() {
		String regression = submit(
				"""
						{"dataset":{"name":"synthetic-regression","samples":256},"model":{"type":"mlp","hiddenLayers":[{"units":16}]},
						 "training":{"epochs":2,"seed":2}}""");
		finished(regression);
		JsonNode values = this.api
			.post("/api/v1/jobs/" + regression + "/predict",
					"{\"features\":[[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}")
			.body()
			.at("/predictions/0/values");
		assertThat(values.size()).isEqualTo(10);

		String running = submit(
				"""
						{"dataset":{"name":"synthetic-regression","samples":20000},"model":{"type":"mlp","hiddenLayers":[{"units":64}]},
						 "training":{"epochs":500,"batchSize":8,"seed":2}}""");
		Api.Response early = this.api.post("/api/v1/jobs/" + running + "/predict",
				"{\"features\":[[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}");
		this.api.post("/api/v1/jobs/" + running + "/cancel");
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.body().path("detail").asString()).contains("no final checkpoint");
	}

	@Test
	void earlyStoppingKeepsTheBestEpoch() {
		String id = submit("""
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":32}]},
				 "optimizer":{"type":"adam","learningRate":0.05},
				 "training":{"epochs":300,"batchSize":16,"seed":3,"earlyStopping":{"patience":3,"minDelta":0.001}}}""");

		JsonNode job = finished(id);

		int completed = job.at("/progress/epochsCompleted").asInt();
		assertThat(completed).isLessThan(300);
		List<JsonNode> epochs = this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.toList();
		int best = epochs.stream()
			.min(java.util.Comparator.comparingDouble(e -> e.path("validationLoss").asDouble()))
			.orElseThrow()
			.path("epoch")
			.asInt();
		assertThat(completed - best).isGreaterThanOrEqualTo(3);
		assertThat(this.api.checkpoint(id, "FINAL").path("epoch").asInt()).isEqualTo(best);
		assertThat(this.api.checkpoint(id, "BEST").path("epoch").asInt()).isEqualTo(best);
		JsonNode event = this.api.get("/api/v1/jobs/" + id + "/events").body().at("/items/0");
		assertThat(event.path("type").asString()).isEqualTo("EARLY_STOPPED");
		assertThat(event.path("detail").asString()).contains("keeping epoch " + best);
	}

	@Test
	void rejectsModelsThatDoNotFitTheirDatasetAtSubmission() {
		Map<String, String> cases = Map.of(
				"""
						{"dataset":{"name":"iris"},"model":{"type":"cnn","convolutions":[{"filters":4}]},"training":{"epochs":1}}""",
				"model.type",
				"""
						{"dataset":{"name":"digits"},"model":{"type":"rnn","layers":[{"units":4}]},"training":{"epochs":1}}""",
				"model.type",
				"""
						{"dataset":{"name":"adding-problem"},"model":{"type":"rnn","layers":[{"units":4}],"output":"per-step"},
						 "training":{"epochs":1}}""",
				"model.output",
				"""
						{"dataset":{"name":"delayed-echo"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1}}""",
				"model.type", """
						{"dataset":{"name":"digits"},"model":{"type":"cnn","convolutions":[{"filters":4,"kernel":9}]},
						 "training":{"epochs":1}}""", "model.convolutions[0].kernel",
				"""
						{"dataset":{"name":"iris","sequenceLength":5},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1}}""",
				"dataset.sequenceLength", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},
						 "training":{"epochs":1,"validationFraction":0,"earlyStopping":{"patience":2}}}""",
				"training.earlyStopping");
		cases.forEach((spec, field) -> {
			Api.Response response = this.api.post("/api/v1/jobs", spec);
			assertThat(response.status()).as(spec).isEqualTo(400);
			assertThat(response.body().at("/errors/0/field").asString()).as(spec).isEqualTo(field);
		});

		Api.Response tooBig = this.api.post("/api/v1/jobs", """
				{"dataset":{"name":"digits"},"model":{"type":"mlp","hiddenLayers":[{"units":8192},{"units":8192}]},
				 "training":{"epochs":1}}""");
		assertThat(tooBig.status()).isEqualTo(400);
		// 64·8192+8192 + 8192·8192+8192 + 8192·10+10
		assertThat(tooBig.body().at("/errors/0/message").asString())
			.isEqualTo("has 67,731,466 parameters; the limit is 10,000,000 (maxParameters)");
	}

	@Test
	void listsEveryBuiltInDatasetWithItsShape() {
		Map<String, String> shapes = new java.util.HashMap<>();
		this.api.get("/api/v1/datasets")
			.body()
			.path("items")
			.valueStream()
			.forEach(d -> shapes.put(d.path("name").asString(), d.path("input").asString() + d.path("shape")));
		assertThat(shapes).containsEntry("iris", "tabular[4]")
			.containsEntry("digits", "image[1,8,8]")
			.containsEntry("shapes", "image[3,32,32]")
			.containsEntry("spirals", "tabular[2]")
			.containsEntry("synthetic-regression", "tabular[20]")
			.containsEntry("adding-problem", "sequence[2,50]")
			.containsEntry("delayed-echo", "sequence[1,20]");
	}

	private String submit(String spec) {
		return this.api.submit(spec).path("id").asString();
	}

	private JsonNode finished(String id) {
		JsonNode job = this.api.awaitFinished(id, TIMEOUT);
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		return job;
	}

	private double finalAccuracy(String id) {
		return finished(id).at("/latestMetrics/validationAccuracy").asDouble();
	}

}
