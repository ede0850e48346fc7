package io.adamant.job;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import io.adamant.training.Momentum;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every optimizer, schedule, regularisation and clipping option through the service, each
 * checked by something that would differ if the option were ignored.
 */
class TrainingOptionsTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Test
	void everyOptimizerTrainsWithItsOwnUpdaterAndHyperparameters() throws Exception {
		Map<String, Consumer<IUpdater>> optimizers = new LinkedHashMap<>();
		optimizers.put("{\"type\":\"sgd\",\"learningRate\":0.05}",
				u -> assertThat(((Sgd) u).getLearningRate()).isEqualTo(0.05));
		optimizers.put("{\"type\":\"momentum\",\"learningRate\":0.02,\"momentum\":0.8}",
				u -> assertThat(((Momentum) u).getMomentum()).isEqualTo(0.8));
		optimizers.put("{\"type\":\"nesterov\",\"learningRate\":0.02,\"momentum\":0.7}",
				u -> assertThat(((Nesterovs) u).getMomentum()).isEqualTo(0.7));
		optimizers.put("{\"type\":\"adam\",\"beta1\":0.8}", u -> assertThat(((Adam) u).getBeta1()).isEqualTo(0.8));
		optimizers.put("{\"type\":\"adamw\",\"beta2\":0.99,\"weightDecay\":0.05}",
				u -> assertThat(((Adam) u).getBeta2()).isEqualTo(0.99));
		optimizers.put("{\"type\":\"amsgrad\",\"epsilon\":1e-7}",
				u -> assertThat(((AMSGrad) u).getEpsilon()).isEqualTo(1e-7));
		optimizers.put("{\"type\":\"nadam\",\"beta1\":0.85}", u -> assertThat(((Nadam) u).getBeta1()).isEqualTo(0.85));
		optimizers.put("{\"type\":\"adamax\",\"learningRate\":0.003}",
				u -> assertThat(((AdaMax) u).getLearningRate()).isEqualTo(0.003));
		optimizers.put("{\"type\":\"rmsprop\",\"decay\":0.8}",
				u -> assertThat(((RmsProp) u).getRmsDecay()).isEqualTo(0.8));
		optimizers.put("{\"type\":\"adagrad\",\"learningRate\":0.05}",
				u -> assertThat(((AdaGrad) u).getLearningRate()).isEqualTo(0.05));
		optimizers.put("{\"type\":\"adadelta\",\"rho\":0.9}", u -> assertThat(((AdaDelta) u).getRho()).isEqualTo(0.9));

		Map<String, String> jobs = new LinkedHashMap<>();
		optimizers.keySet()
			.forEach(optimizer -> jobs.put(optimizer,
					this.api.submit("""
							{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
							 "optimizer":%s,"training":{"epochs":2,"batchSize":32,"seed":4}}""".formatted(optimizer))
						.path("id")
						.asString()));

		for (Map.Entry<String, String> job : jobs.entrySet()) {
			JsonNode finished = this.api.awaitFinished(job.getValue(), TIMEOUT);
			assertThat(finished.path("status").asString()).as(job.getKey()).isEqualTo("SUCCEEDED");
			IUpdater updater = updaterOf(job.getValue());
			optimizers.get(job.getKey()).accept(updater);
			JsonNode epoch = this.api.get("/api/v1/jobs/" + job.getValue() + "/metrics").body().at("/items/1");
			if (job.getKey().contains("adadelta")) {
				assertThat(epoch.path("learningRate").isNull()).as("adadelta has no learning rate").isTrue();
			}
			else {
				assertThat(epoch.path("learningRate").asDouble())
					.isEqualTo(finished.at("/spec/optimizer/learningRate").asDouble());
			}
		}
	}

	@Test
	void adamWsDecoupledDecayAndL2ShrinkTheWeights() {
		String base = """
				{"dataset":{"name":"synthetic-regression","samples":512},"model":{"type":"mlp","hiddenLayers":[{"units":32}]},
				 "optimizer":%s,"regularization":%s,"training":{"epochs":5,"batchSize":32,"seed":8}}""";
		double adam = finalParameterNorm(base.formatted("{\"type\":\"adam\",\"learningRate\":0.01}", "{}"));
		double adamW = finalParameterNorm(
				base.formatted("{\"type\":\"adamw\",\"learningRate\":0.01,\"weightDecay\":0.5}", "{}"));
		double l2 = finalParameterNorm(base.formatted("{\"type\":\"adam\",\"learningRate\":0.01}", "{\"l2\":0.5}"));
		double sgd = finalParameterNorm(base.formatted("{\"type\":\"sgd\",\"learningRate\":0.05}", "{}"));
		double decayed = finalParameterNorm(
				base.formatted("{\"type\":\"sgd\",\"learningRate\":0.05}", "{\"weightDecay\":0.5}"));

		assertThat(adamW).isLessThan(adam * 0.95);
		assertThat(l2).isLessThan(adam * 0.95);
		assertThat(decayed).isLessThan(sgd * 0.95);
	}

	@Test
	void recordsTheLearningRateEachScheduleUses() {
		assertThat(learningRates("{\"type\":\"step\",\"stepEpochs\":1,\"gamma\":0.5}")).containsExactly(0.1, 0.05,
				0.025);
		assertThat(learningRates("{\"type\":\"exponential\",\"gamma\":0.9}")).satisfiesExactly(
				lr -> assertThat(lr).isEqualTo(0.1, within(1e-12)), lr -> assertThat(lr).isEqualTo(0.09, within(1e-12)),
				lr -> assertThat(lr).isEqualTo(0.081, within(1e-12)));
		List<Double> cosine = learningRates("{\"type\":\"cosine\",\"minLearningRate\":0.001,\"warmupEpochs\":1}");
		assertThat(cosine.get(0)).as("warm-up: mean of 0.1·k/4 for k = 1..4").isEqualTo(0.0625, within(1e-12));
		assertThat(cosine.get(1)).isLessThan(0.1).isGreaterThan(cosine.get(2));
		assertThat(learningRates("{\"type\":\"constant\",\"warmupEpochs\":1}")).containsExactly(0.0625, 0.1, 0.1);
	}

	@Test
	void everyClippingModeBoundsTheGradientTheOptimizerSees() {
		Map<String, Consumer<JsonNode>> modes = new LinkedHashMap<>();
		modes.put("{\"type\":\"none\"}", e -> {
			assertThat(e.path("clippedGradientNormMax").asDouble()).isEqualTo(e.path("gradientNormMax").asDouble());
			assertThat(e.path("clippedFraction").asDouble()).isZero();
		});
		modes.put("{\"type\":\"value\",\"threshold\":0.001}", e -> {
			assertThat(e.path("clippedGradientNormMax").asDouble()).isLessThan(e.path("gradientNormMax").asDouble());
			assertThat(e.path("clippedFraction").asDouble()).isEqualTo(1.0);
		});
		modes.put("{\"type\":\"l2-per-layer\",\"threshold\":0.01}",
				e -> assertThat(e.path("clippedGradientNormMax").asDouble())
					.isLessThanOrEqualTo(Math.sqrt(2) * 0.01 * (1 + 1e-6)));
		modes.put("{\"type\":\"l2-per-param-type\",\"threshold\":0.01}",
				e -> assertThat(e.path("clippedGradientNormMax").asDouble())
					.isLessThanOrEqualTo(2 * 0.01 * (1 + 1e-6)));
		modes.put("{\"type\":\"renormalize-l2-per-layer\"}",
				e -> assertThat(e.path("clippedGradientNormMean").asDouble()).isEqualTo(Math.sqrt(2), within(1e-6)));
		modes.put("{\"type\":\"renormalize-l2-per-param-type\"}",
				e -> assertThat(e.path("clippedGradientNormMean").asDouble()).isEqualTo(2, within(1e-6)));
		modes.put("{\"type\":\"global-norm\",\"threshold\":0.01}", e -> {
			assertThat(e.path("gradientNormMax").asDouble()).isGreaterThan(0.01);
			assertThat(e.path("clippedGradientNormMax").asDouble()).isLessThanOrEqualTo(0.01);
			assertThat(e.path("clippedFraction").asDouble()).isPositive();
		});

		Map<String, String> jobs = new LinkedHashMap<>();
		modes.keySet().forEach(mode -> jobs.put(mode, this.api.submit("""
				{"dataset":{"name":"synthetic-regression","samples":256},
				 "model":{"type":"mlp","hiddenLayers":[{"units":16,"activation":"tanh"}]},
				 "optimizer":{"type":"sgd","learningRate":0.5},"clipping":%s,
				 "training":{"epochs":2,"batchSize":32,"seed":6}}""".formatted(mode)).path("id").asString()));

		for (Map.Entry<String, String> job : jobs.entrySet()) {
			assertThat(this.api.awaitFinished(job.getValue(), TIMEOUT).path("status").asString()).as(job.getKey())
				.isEqualTo("SUCCEEDED");
			this.api.get("/api/v1/jobs/" + job.getValue() + "/metrics")
				.body()
				.path("items")
				.valueStream()
				.forEach(epoch -> {
					assertThat(epoch.path("gradientNormMax").asDouble()).as(job.getKey()).isPositive();
					modes.get(job.getKey()).accept(epoch);
				});
		}
	}

	@Test
	void servesPerLayerNormsAndUpdateRatios() {
		String full = this.api.submit("""
				{"dataset":{"name":"synthetic-regression","samples":256},
				 "model":{"type":"mlp","hiddenLayers":[{"units":50}]},"training":{"epochs":2,"seed":2}}""")
			.path("id")
			.asString();
		String minimal = this.api.submit("""
				{"dataset":{"name":"synthetic-regression","samples":256},
				 "model":{"type":"mlp","hiddenLayers":[{"units":50}]},"telemetry":{"perLayer":false},
				 "training":{"epochs":2,"seed":2}}""").path("id").asString();
		this.api.awaitFinished(full, TIMEOUT);
		this.api.awaitFinished(minimal, TIMEOUT);

		JsonNode epochs = this.api.get("/api/v1/jobs/" + full + "/metrics/layers").body().path("items");
		assertThat(epochs.size()).isEqualTo(2);
		JsonNode layers = epochs.at("/1/layers");
		assertThat(layers.valueStream().map(l -> l.path("name").asString())).containsExactly("dense 20→50",
				"output 50→10");
		assertThat(layers.valueStream().map(l -> l.path("parameters").asLong())).containsExactly(1050L, 510L);
		layers.valueStream().forEach(layer -> {
			assertThat(layer.path("gradientNormMean").asDouble()).isPositive();
			assertThat(layer.path("gradientNormMax").asDouble())
				.isGreaterThanOrEqualTo(layer.path("gradientNormMean").asDouble());
			assertThat(layer.path("parameterNorm").asDouble()).isPositive();
			assertThat(layer.path("updateRatioLog10").asDouble()).isBetween(-8.0, 0.0);
		});
		JsonNode epoch = this.api.get("/api/v1/jobs/" + full + "/metrics").body().at("/items/1");
		assertThat(epoch.path("parameterNorm").asDouble()).isPositive();
		assertThat(epoch.path("updateRatioLog10").asDouble()).isBetween(-8.0, 0.0);
		assertThat(epoch.path("nonFiniteIterations").asInt()).isZero();
		assertThat(epoch.path("skippedSteps").asInt()).isZero();

		JsonNode minimalLayer = this.api.get("/api/v1/jobs/" + minimal + "/metrics/layers")
			.body()
			.at("/items/1/layers/0");
		assertThat(minimalLayer.path("gradientNormMean").isNull()).isTrue();
		assertThat(minimalLayer.path("parameterNorm").asDouble()).isPositive();
		assertThat(
				this.api.get("/api/v1/jobs/" + minimal + "/metrics").body().at("/items/1/updateRatioLog10").asDouble())
			.isBetween(-8.0, 0.0);
	}

	@Test
	void rejectsInconsistentSchedules() {
		Api.Response warmup = this.api.post("/api/v1/jobs", """
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},
				 "schedule":{"type":"constant","warmupEpochs":3},"training":{"epochs":3}}""");
		Api.Response adadelta = this.api.post("/api/v1/jobs", """
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"optimizer":{"type":"adadelta"},
				 "schedule":{"type":"exponential"},"training":{"epochs":3}}""");
		Api.Response cosine = this.api.post("/api/v1/jobs",
				"""
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"optimizer":{"type":"sgd","learningRate":0.01},
						 "schedule":{"type":"cosine","minLearningRate":0.1},"training":{"epochs":3}}""");

		assertThat(warmup.body().at("/errors/0/field").asString()).isEqualTo("schedule.warmupEpochs");
		assertThat(adadelta.body().at("/errors/0/field").asString()).isEqualTo("schedule.type");
		assertThat(cosine.body().at("/errors/0/field").asString()).isEqualTo("schedule.minLearningRate");
	}

	private List<Double> learningRates(String schedule) {
		String id = this.api.submit("""
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4}]},
				 "optimizer":{"type":"sgd","learningRate":0.1},"schedule":%s,
				 "training":{"epochs":3,"batchSize":32,"seed":1}}""".formatted(schedule)).path("id").asString();
		assertThat(this.api.awaitFinished(id, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");
		return this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.map(e -> e.path("learningRate").asDouble())
			.toList();
	}

	private double finalParameterNorm(String spec) {
		String id = this.api.submit(spec).path("id").asString();
		assertThat(this.api.awaitFinished(id, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");
		return this.api.get("/api/v1/jobs/" + id).body().at("/latestMetrics/parameterNorm").asDouble();
	}

	private IUpdater updaterOf(String jobId) throws Exception {
		String checkpoint = this.api.checkpoint(jobId, "FINAL").path("id").asString();
		byte[] zip = this.api.download("/api/v1/jobs/" + jobId + "/checkpoints/" + checkpoint).body();
		MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), true);
		return ((BaseLayer) network.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
	}

}
