package io.adamant.job;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.adamant.dataset.DatasetSplit;
import io.adamant.dataset.Datasets;
import io.adamant.dataset.LoadedDataset;
import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Jobs end to end through the HTTP API: train, read metrics, download, cancel, repeat.
 */
class JobLifecycleTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final String IRIS = """
			{"name":"iris-adam","dataset":{"name":"iris"},
			 "model":{"type":"mlp","hiddenLayers":[{"units":16,"activation":"tanh"}]},
			 "optimizer":{"type":"adam","learningRate":0.02},
			 "clipping":{"type":"l2-per-layer","threshold":5.0},
			 "training":{"epochs":%d,"batchSize":16,"seed":%d,"validationFraction":0.2}}""";

	@Autowired
	Datasets datasets;

	@Test
	void trainsIrisToSuccessWithOneMetricsRowPerEpochAndALoadableCheckpoint() throws Exception {
		JsonNode submitted = this.api.submit(IRIS.formatted(15, 7));
		String id = submitted.path("id").asString();
		assertThat(submitted.path("status").asString()).isIn("QUEUED", "RUNNING");

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.at("/progress/epochsCompleted").asInt()).isEqualTo(15);
		assertThat(job.at("/progress/fraction").asDouble()).isEqualTo(1.0);
		assertThat(job.path("attempt").asInt()).isEqualTo(1);
		Instant created = Instant.parse(job.path("createdAt").asString());
		Instant started = Instant.parse(job.path("startedAt").asString());
		assertThat(Duration.between(created, started))
			.as("workers poll every 30 s here, so a quick start means NOTIFY woke one")
			.isLessThan(Duration.ofSeconds(5));
		assertThat(Instant.parse(job.path("finishedAt").asString())).isAfterOrEqualTo(started);
		assertThat(job.at("/latestMetrics/epoch").asInt()).isEqualTo(15);

		List<JsonNode> epochs = this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.toList();
		assertThat(epochs).extracting(e -> e.path("epoch").asInt())
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
		for (JsonNode epoch : epochs) {
			assertThat(epoch.path("trainLoss").asDouble()).isPositive();
			assertThat(epoch.path("validationLoss").asDouble()).isPositive();
			assertThat(epoch.path("validationAccuracy").asDouble()).isBetween(0.0, 1.0);
			assertThat(epoch.path("validationRmse").isNull()).isTrue();
			assertThat(epoch.path("learningRate").asDouble()).isEqualTo(0.02);
			assertThat(epoch.path("gradientNormMean").asDouble()).isPositive();
			assertThat(epoch.path("gradientNormMax").asDouble())
				.isGreaterThanOrEqualTo(epoch.path("gradientNormMean").asDouble());
			assertThat(epoch.path("iterations").asInt()).isEqualTo(8);
			assertThat(epoch.path("samples").asInt()).isEqualTo(120);
			assertThat(epoch.path("durationMs").asLong()).isNotNegative();
			assertThat(epoch.path("samplesPerSecond").asDouble()).isPositive();
		}
		JsonNode last = epochs.get(epochs.size() - 1);
		assertThat(last.path("trainLoss").asDouble()).isLessThan(epochs.get(0).path("trainLoss").asDouble());
		assertThat(last.path("validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.8);

		assertCheckpointReproducesFinalValidation(id, last);
	}

	/**
	 * The stored network, restored by DL4J, scores the validation rows as the job did.
	 */
	private void assertCheckpointReproducesFinalValidation(String id, JsonNode lastEpoch) throws Exception {
		List<JsonNode> checkpoints = this.api.get("/api/v1/jobs/" + id + "/checkpoints")
			.body()
			.path("items")
			.valueStream()
			.toList();
		// by default: the last two periodic ones, the best one, the final one
		assertThat(checkpoints).extracting(c -> c.path("kind").asString() + "@" + c.path("epoch").asInt())
			.contains("PERIODIC@14", "PERIODIC@15", "FINAL@15")
			.anyMatch(c -> c.startsWith("BEST@"))
			.hasSize(4);
		JsonNode periodic = this.api.get("/api/v1/jobs/" + id + "/checkpoints?kind=periodic&sort=epoch,desc&size=1")
			.body();
		assertThat(periodic.path("totalItems").asInt()).isEqualTo(2);
		assertThat(periodic.path("totalPages").asInt()).isEqualTo(2);
		assertThat(periodic.at("/items/0/epoch").asInt()).isEqualTo(15);
		assertThat(this.api.get("/api/v1/jobs/" + id + "/checkpoints?kind=final").body().path("items")).singleElement()
			.satisfies(c -> assertThat(c.path("kind").asString()).isEqualTo("FINAL"));
		assertThat(this.api.get("/api/v1/jobs/" + id + "/checkpoints?kind=latest").status()).isEqualTo(400);
		assertThat(this.api.checkpoint(id, "PERIODIC").at("/metrics/validationAccuracy").asDouble())
			.isEqualTo(lastEpoch.path("validationAccuracy").asDouble());
		JsonNode checkpoint = this.api.checkpoint(id, "FINAL");
		assertThat(checkpoint.path("epoch").asInt()).isEqualTo(15);

		HttpResponse<byte[]> download = this.api
			.download("/api/v1/jobs/" + id + "/checkpoints/" + checkpoint.path("id").asString());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		byte[] zip = download.body();
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
		assertThat(sha256).isEqualTo(checkpoint.path("sha256").asString());
		assertThat(download.headers().firstValue("ETag")).hasValue('"' + sha256 + '"');
		assertThat((long) zip.length).isEqualTo(checkpoint.path("sizeBytes").asLong());

		Pair<MultiLayerNetwork, Normalizer> restored = ModelSerializer
			.restoreMultiLayerNetworkAndNormalizer(new ByteArrayInputStream(zip), true);
		MultiLayerNetwork network = restored.getFirst();
		assertThat(network.getUpdater().getStateViewArray()).as("updater state is stored").isNotNull();
		LoadedDataset iris = this.datasets.load("iris", null, null, 7);
		DataSet validation = DatasetSplit.of(iris, 0.2, 7).validation();
		((org.nd4j.linalg.dataset.api.preprocessor.DataNormalization) restored.getSecond()).transform(validation);
		double accuracy = network.output(validation.getFeatures(), false)
			.argMax(1)
			.eq(validation.getLabels().argMax(1))
			.castTo(DataType.FLOAT)
			.meanNumber()
			.doubleValue();
		assertThat(accuracy).isEqualTo(lastEpoch.path("validationAccuracy").asDouble(), within(1e-6));
		assertThat(network.score(validation, false)).isEqualTo(lastEpoch.path("validationLoss").asDouble(),
				within(1e-5));
	}

	@Test
	void trainsRegressionAndReportsRmse() {
		String id = this.api.submit("""
				{"dataset":{"name":"synthetic-regression","samples":512},
				 "model":{"type":"mlp","hiddenLayers":[{"units":50,"activation":"tanh"}]},
				 "optimizer":{"type":"sgd","learningRate":0.05},"clipping":{"type":"value","threshold":1.0},
				 "training":{"epochs":4,"batchSize":64,"seed":3}}""").path("id").asString();

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		List<JsonNode> epochs = this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.toList();
		assertThat(epochs).hasSize(4).allSatisfy(epoch -> {
			assertThat(epoch.path("validationRmse").asDouble()).isPositive();
			assertThat(epoch.path("validationAccuracy").isNull()).isTrue();
			assertThat(epoch.path("samples").asInt()).isEqualTo(410);
		});
		assertThat(epochs.get(3).path("validationRmse").asDouble())
			.isLessThan(epochs.get(0).path("validationRmse").asDouble());
	}

	@Test
	void sameSpecAndSeedGiveTheSameLossesAndAnotherSeedDoesNot() {
		String first = this.api.submit(IRIS.formatted(5, 11)).path("id").asString();
		String second = this.api.submit(IRIS.formatted(5, 11)).path("id").asString();
		String otherSeed = this.api.submit(IRIS.formatted(5, 12)).path("id").asString();
		for (String id : List.of(first, second, otherSeed)) {
			assertThat(this.api.awaitFinished(id, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");
		}

		assertThat(losses(second)).isEqualTo(losses(first));
		assertThat(losses(otherSeed)).isNotEqualTo(losses(first));
	}

	@Test
	void cancelsARunningJobWithinAnIteration() {
		String id = this.api.submit("""
				{"dataset":{"name":"synthetic-regression","samples":20000},
				 "model":{"type":"mlp","hiddenLayers":[{"units":128},{"units":128}]},
				 "training":{"epochs":1000,"batchSize":8,"seed":5}}""").path("id").asString();
		this.api.awaitJob(id, job -> job.path("status").asString().equals("RUNNING"), TIMEOUT);

		Api.Response cancel = this.api.post("/api/v1/jobs/" + id + "/cancel");

		assertThat(cancel.status()).isEqualTo(202);
		assertThat(cancel.body().path("cancelRequested").asBoolean()).isTrue();
		JsonNode job = this.api.awaitFinished(id, Duration.ofSeconds(10));
		assertThat(job.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(job.at("/progress/epochsCompleted").asInt()).isLessThan(1000);
		assertThat(this.api.checkpoint(id, "FINAL").isMissingNode()).isTrue();
		Api.Response again = this.api.post("/api/v1/jobs/" + id + "/cancel");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body().path("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void aDivergingJobEndsDivergedWithItsCauseAndLastGoodState() {
		String id = this.api
			.submit("""
					{"dataset":{"name":"synthetic-regression","samples":256},
					 "model":{"type":"mlp","hiddenLayers":[{"units":64,"activation":"relu"},{"units":64,"activation":"relu"}]},
					 "optimizer":{"type":"sgd","learningRate":10},
					 "training":{"epochs":20,"batchSize":16,"seed":9}}""")
			.path("id")
			.asString();

		JsonNode job = this.api.awaitFinished(id, TIMEOUT);

		assertThat(job.path("status").asString()).isEqualTo("DIVERGED");
		assertThat(job.path("failureReason").asString()).startsWith("Training diverged: ");
		assertThat(job.at("/divergence/reason").asString()).isIn("non-finite-loss", "non-finite-gradient", "loss-spike",
				"gradient-norm-spike");
		assertThat(job.at("/divergence/epoch").asInt()).isPositive();
		JsonNode lastGood = this.api.checkpoint(id, "LAST_GOOD");
		assertThat(lastGood.path("epoch").asInt()).isEqualTo(job.at("/divergence/epoch").asInt() - 1);
		assertThat(job.at("/divergence/lastGoodCheckpointId").asString()).isEqualTo(lastGood.path("id").asString());
		assertThat(this.api.checkpoint(id, "FINAL").isMissingNode()).isTrue();
	}

	@Test
	void refusesToCancelAFinishedJob() {
		String id = this.api.submit(IRIS.formatted(1, 1)).path("id").asString();
		assertThat(this.api.awaitFinished(id, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");

		Api.Response cancel = this.api.post("/api/v1/jobs/" + id + "/cancel");

		assertThat(cancel.status()).isEqualTo(409);
		assertThat(cancel.body().path("detail").asString()).contains("SUCCEEDED");
	}

	@Test
	void listsJobsNewestFirstWithPagingAndStatusFilter() {
		String older = this.api.submit(IRIS.formatted(1, 21)).path("id").asString();
		String newer = this.api.submit(IRIS.formatted(1, 22)).path("id").asString();
		this.api.awaitFinished(older, TIMEOUT);
		this.api.awaitFinished(newer, TIMEOUT);

		JsonNode page = this.api.get("/api/v1/jobs?size=1").body();
		assertThat(page.path("size").asInt()).isEqualTo(1);
		assertThat(page.path("items").size()).isEqualTo(1);
		assertThat(page.path("totalItems").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(page.path("totalPages").asLong()).isEqualTo(page.path("totalItems").asLong());
		List<String> succeeded = this.api.get("/api/v1/jobs?status=SUCCEEDED&size=100")
			.body()
			.path("items")
			.valueStream()
			.map(j -> j.path("id").asString())
			.toList();
		assertThat(succeeded).containsSubsequence(newer, older);
		assertThat(this.api.get("/api/v1/jobs?status=CANCELLED&size=100").body().path("items").valueStream())
			.allSatisfy(j -> assertThat(j.path("status").asString()).isEqualTo("CANCELLED"));
	}

	private List<List<Double>> losses(String id) {
		return this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.map(e -> List.of(e.path("trainLoss").asDouble(), e.path("validationLoss").asDouble(),
					e.path("gradientNormMean").asDouble()))
			.toList();
	}

}
