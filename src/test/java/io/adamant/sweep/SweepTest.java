package io.adamant.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Sweeps through the HTTP API: the grid becomes named jobs, the comparison and the curves
 * agree with each job's own metrics, bad grids store nothing, and a cancel reaches every
 * job.
 */
class SweepTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** A small classification run: 3 epochs of iris. */
	private static final String IRIS = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
			 "optimizer":{"type":"sgd","learningRate":0.05},
			 "training":{"epochs":3,"batchSize":16,"seed":1}}""";

	/** The seed's exploding setup (SGD at 10), two epochs, no validation split. */
	private static final String EXPLODING = """
			{"dataset":{"name":"synthetic-regression"},
			 "model":{"type":"mlp","hiddenLayers":[{"units":50,"activation":"relu"}]},
			 "optimizer":{"type":"sgd","learningRate":10},
			 "training":{"epochs":2,"batchSize":64,"seed":1,"validationFraction":0}}""";

	@Test
	void expandsTheGridIntoNamedJobsAndComparesThemWithTheirMetrics() {
		Api.Response response = this.api.post("/api/v1/sweeps", sweep("grid", IRIS, """
				[{"path":"optimizer.learningRate","values":[0.1,0.01]},
				 {"path":"clipping","values":[{"type":"none"},{"type":"global-norm","threshold":1.0}]}]""", 1.0));

		assertThat(response.status()).isEqualTo(202);
		JsonNode sweep = response.body();
		String id = sweep.path("id").asString();
		assertThat(response.header("Location")).endsWith("/api/v1/sweeps/" + id);
		assertThat(sweep.path("size").asInt()).isEqualTo(4);
		assertThat(rows(sweep)).extracting(row -> row.path("name").asString())
			.containsExactly("grid [optimizer.learningRate=0.1, clipping=none]",
					"grid [optimizer.learningRate=0.1, clipping=global-norm(1.0)]",
					"grid [optimizer.learningRate=0.01, clipping=none]",
					"grid [optimizer.learningRate=0.01, clipping=global-norm(1.0)]");
		assertThat(this.api.get("/api/v1/sweeps?size=1").body().at("/items/0/id").asString()).isEqualTo(id);
		JsonNode child = this.api.get("/api/v1/jobs/" + rows(sweep).get(1).path("jobId").asString()).body();
		assertThat(child.path("sweepId").asString()).isEqualTo(id);
		assertThat(child.at("/spec/optimizer/type").asString()).as("the base's optimizer, rate set").isEqualTo("sgd");
		assertThat(child.at("/spec/optimizer/learningRate").asDouble()).isEqualTo(0.1);
		assertThat(child.at("/spec/clipping/type").asString()).isEqualTo("global-norm");
		assertThat(child.at("/spec/training/validationFraction").asDouble()).as("defaults filled").isEqualTo(0.2);

		JsonNode done = awaitSweep(id);

		assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.at("/counts/SUCCEEDED").asInt()).isEqualTo(4);
		rows(done).forEach(row -> assertMatchesMetrics(row, 1.0));
	}

	@Test
	void showsDivergenceRollbacksAndAlignedCurves() {
		JsonNode sweep = this.api.post("/api/v1/sweeps", sweep("explode", EXPLODING, """
				[{"path":"divergence","values":[{"policy":"fail"},{"policy":"rollback","learningRateFactor":0.5}]},
				 {"path":"clipping","values":[{"type":"none"},{"type":"global-norm","threshold":0.02}]}]""", null))
			.body();
		String id = sweep.path("id").asString();

		JsonNode done = awaitSweep(id);

		assertThat(done.path("status").asString()).isEqualTo("PARTIAL");
		List<JsonNode> rows = rows(done);
		assertThat(rows).extracting(row -> row.path("status").asString())
			.containsExactly("DIVERGED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
		assertThat(rows).extracting(row -> row.path("diverged").asBoolean()).containsExactly(true, false, false, false);
		assertThat(rows.get(0).at("/divergence/epoch").asInt()).isEqualTo(1);
		assertThat(rows.get(0).path("bestLoss").isNull()).as("no epoch finished").isTrue();
		assertThat(rows.get(2).path("rollbacks").asLong()).isPositive().isEqualTo(events(rows.get(2), "ROLLBACK"));
		assertThat(rows.get(3).path("rollbacks").asLong()).isZero();
		rows.forEach(row -> assertThat(row.path("lossMetric").asString()).isEqualTo("trainLoss"));
		assertThat(rows).allSatisfy(row -> assertThat(row.path("name").asString())
			.as("read back, a label still reads as the name it was given")
			.isEqualTo("explode [" + row.path("label").asString() + "]"));
		assertThat(rows.get(2).path("label").asString())
			.isEqualTo("divergence={learningRateFactor=0.5, policy=rollback}, clipping=none");
		rows.subList(1, 4).forEach(row -> assertMatchesMetrics(row, null));

		JsonNode curves = this.api.get("/api/v1/sweeps/" + id + "/curves?metric=trainLoss").body();
		assertThat(curves.path("epochs").valueStream().map(JsonNode::asInt)).containsExactly(1, 2);
		List<JsonNode> series = curves.path("series").valueStream().toList();
		assertThat(series).hasSize(4);
		assertThat(series.get(0).path("values").valueStream().map(JsonNode::isNull)).containsExactly(true, true);
		assertThat(series.get(1).path("label").asString())
			.isEqualTo("divergence={policy=fail}, clipping=global-norm(0.02)");
		for (JsonNode line : series.subList(1, 4)) {
			assertThat(line.path("values").valueStream().map(JsonNode::asDouble))
				.containsExactlyElementsOf(metrics(line.path("jobId").asString()).stream()
					.map(epoch -> epoch.path("trainLoss").asDouble())
					.toList());
		}

		Api.Response again = this.api.post("/api/v1/sweeps/" + id + "/cancel");
		assertThat(again.status()).as("nothing left to cancel").isEqualTo(409);
	}

	@Test
	void refusesAGridOverTheLimitAndStoresNothing() {
		long jobs = total("/api/v1/jobs");
		long sweeps = total("/api/v1/sweeps");

		Api.Response response = this.api.post("/api/v1/sweeps", sweep("big", IRIS, """
				[{"path":"optimizer.learningRate","values":[0.1,0.2,0.3,0.4,0.5]},
				 {"path":"training.seed","values":[1,2,3,4,5]},{"path":"training.batchSize","values":[8,16,32]}]""",
				null));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().at("/errors/0/field").asString()).isEqualTo("axes");
		assertThat(response.body().at("/errors/0/message").asString()).contains("75 combinations")
			.contains("5 × 5 × 3")
			.contains("limit is 64");
		assertThat(total("/api/v1/jobs")).isEqualTo(jobs);
		assertThat(total("/api/v1/sweeps")).isEqualTo(sweeps);
	}

	@Test
	void refusesAnInvalidCombinationNamingItsAxisValueAndStoresNothing() {
		long jobs = total("/api/v1/jobs");
		long sweeps = total("/api/v1/sweeps");

		Api.Response response = this.api.post("/api/v1/sweeps", sweep("bad", IRIS, """
				[{"path":"optimizer","values":[{"type":"sgd","learningRate":0.5},{"type":"sgd","learningRate":20}]},
				 {"path":"training.seed","values":[1,2]}]""", null));

		assertThat(response.status()).isEqualTo(400);
		List<JsonNode> errors = response.body().path("errors").valueStream().toList();
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).path("field").asString()).isEqualTo("axes[0].values[1].learningRate");
		assertThat(errors.get(0).path("message").asString()).startsWith("optimizer.learningRate: must be less than")
			.contains("in 2 of 4 combinations")
			.contains("first [optimizer=sgd(20), training.seed=1]");
		assertThat(total("/api/v1/jobs")).as("the valid children are not stored either").isEqualTo(jobs);
		assertThat(total("/api/v1/sweeps")).isEqualTo(sweeps);
	}

	static Stream<Arguments> badSweeps() {
		String iris = IRIS;
		return Stream.of(Arguments.of("no axes", iris, "[]", "axes"),
				Arguments.of("unknown path", iris, "[{\"path\":\"optimizer.lr\",\"values\":[1]}]", "axes[0].path"),
				Arguments.of("path into a value", iris, "[{\"path\":\"training.epochs.x\",\"values\":[1]}]",
						"axes[0].path"),
				Arguments.of("the name", iris, "[{\"path\":\"name\",\"values\":[\"a\"]}]", "axes[0].path"),
				Arguments.of("duplicate path", iris, """
						[{"path":"training.seed","values":[1]},{"path":"training.seed","values":[2]}]""",
						"axes[1].path"),
				Arguments.of("wider path after a narrower one", iris,
						"""
								[{"path":"optimizer.learningRate","values":[0.1]},{"path":"optimizer","values":[{"type":"adam"}]}]""",
						"axes[1].path"),
				Arguments.of("no values", iris, "[{\"path\":\"training.seed\",\"values\":[]}]", "axes[0].values"),
				Arguments.of("repeated value", iris, "[{\"path\":\"training.seed\",\"values\":[1,1]}]",
						"axes[0].values[1]"),
				Arguments.of("missing list element", iris, "[{\"path\":\"model.hiddenLayers.3.units\",\"values\":[4]}]",
						"axes[0].path"),
				Arguments.of("unknown field in a value", iris,
						"[{\"path\":\"optimizer\",\"values\":[{\"type\":\"adam\",\"momentum\":0.9}]}]",
						"axes[0].values[0].momentum"),
				Arguments.of("wrong type in a value", iris, "[{\"path\":\"training.epochs\",\"values\":[\"ten\"]}]",
						"axes[0].values[0]"),
				Arguments.of("an interaction with the base",
						iris.replace("\"training\"", "\"schedule\":{\"type\":\"step\",\"stepEpochs\":1},\"training\""),
						"[{\"path\":\"optimizer\",\"values\":[{\"type\":\"adadelta\"}]}]", "base.schedule.type"),
				Arguments.of("unknown dataset in the base", iris.replace("iris", "mnist"),
						"[{\"path\":\"training.seed\",\"values\":[1]}]", "base.dataset.name"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badSweeps")
	void refusesBadAxesNamingTheField(String description, String base, String axes, String field) {
		long jobs = total("/api/v1/jobs");

		Api.Response response = this.api.post("/api/v1/sweeps", sweep("bad", base, axes, null));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").valueStream().map(e -> e.path("field").asString()))
			.containsExactly(field);
		assertThat(total("/api/v1/jobs")).isEqualTo(jobs);
	}

	@Test
	void cancelReachesEveryUnfinishedJob() {
		// the most epochs the default quota allows, one row per step: minutes of training
		String longRun = IRIS.replace("\"epochs\":3", "\"epochs\":1000").replace("\"batchSize\":16", "\"batchSize\":1");
		String id = this.api
			.post("/api/v1/sweeps", sweep("long", longRun, "[{\"path\":\"training.seed\",\"values\":[1,2,3]}]", null))
			.body()
			.path("id")
			.asString();
		this.api.awaitJob(rows(this.api.get("/api/v1/sweeps/" + id).body()).get(0).path("jobId").asString(),
				job -> job.path("status").asString().equals("RUNNING"), TIMEOUT);

		Api.Response cancelled = this.api.post("/api/v1/sweeps/" + id + "/cancel");

		assertThat(cancelled.status()).as("a running job stops later").isEqualTo(202);
		assertThat(cancelled.body().path("cancelRequested").asBoolean()).isTrue();
		JsonNode done = awaitSweep(id);
		assertThat(done.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(rows(done)).allSatisfy(row -> assertThat(row.path("status").asString()).isEqualTo("CANCELLED"));
		assertThat(this.api.post("/api/v1/sweeps/" + id + "/cancel").status()).as("again: nothing changes")
			.isEqualTo(200);
	}

	@Test
	void answersUnknownSweepsAndMetricsWithProblems() {
		String unknown = "/api/v1/sweeps/00000000-0000-0000-0000-000000000000";
		assertThat(this.api.get(unknown).status()).isEqualTo(404);
		assertThat(this.api.get(unknown).body().path("type").asString()).isEqualTo("urn:adamant:problem:not-found");
		assertThat(this.api.get(unknown + "/curves").status()).isEqualTo(404);
		assertThat(this.api.post(unknown + "/cancel").status()).isEqualTo(404);

		String id = this.api
			.post("/api/v1/sweeps",
					sweep("tiny", IRIS.replace("\"epochs\":3", "\"epochs\":1"),
							"[{\"path\":\"training.seed\",\"values\":[1]}]", null))
			.body()
			.path("id")
			.asString();
		Api.Response badMetric = this.api.get("/api/v1/sweeps/" + id + "/curves?metric=loss");
		assertThat(badMetric.status()).isEqualTo(400);
		assertThat(badMetric.body().at("/errors/0/field").asString()).isEqualTo("metric");
		assertThat(badMetric.body().at("/errors/0/message").asString()).contains("trainLoss", "validationLoss",
				"gradientNormMax", "clippedFraction");
		awaitSweep(id);
	}

	/** The comparison row agrees with the job's own epoch rows, events and times. */
	private void assertMatchesMetrics(JsonNode row, Double target) {
		String loss = row.path("lossMetric").asString();
		List<JsonNode> epochs = metrics(row.path("jobId").asString());
		List<Double> losses = epochs.stream().map(epoch -> epoch.path(loss).asDouble()).toList();
		double best = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		assertThat(row.path("finalLoss").asDouble()).isEqualTo(losses.get(losses.size() - 1));
		assertThat(row.path("bestLoss").asDouble()).isEqualTo(best);
		assertThat(row.path("bestEpoch").asInt()).isEqualTo(losses.indexOf(best) + 1);
		assertThat(row.path("maxGradientNorm").asDouble()).isEqualTo(
				epochs.stream().mapToDouble(epoch -> epoch.path("gradientNormMax").asDouble()).max().orElseThrow());
		double steps = epochs.stream().mapToDouble(epoch -> epoch.path("iterations").asDouble()).sum();
		assertThat(row.path("clippedFraction").asDouble()).isCloseTo(epochs.stream()
			.mapToDouble(epoch -> epoch.path("clippedFraction").asDouble() * epoch.path("iterations").asDouble())
			.sum() / steps, within(1e-12));
		if (loss.equals("validationLoss")) {
			assertThat(row.path("finalAccuracy").asDouble())
				.isEqualTo(epochs.get(epochs.size() - 1).path("validationAccuracy").asDouble());
			assertThat(row.path("bestAccuracy").asDouble()).isEqualTo(epochs.stream()
				.mapToDouble(epoch -> epoch.path("validationAccuracy").asDouble())
				.max()
				.orElseThrow());
		}
		Integer reached = null;
		for (int i = 0; target != null && reached == null && i < losses.size(); i++) {
			reached = (losses.get(i) <= target) ? i + 1 : null;
		}
		assertThat(row.path("epochsToTarget").isNull() ? null : row.path("epochsToTarget").asInt()).isEqualTo(reached);
		JsonNode job = this.api.get("/api/v1/jobs/" + row.path("jobId").asString()).body();
		assertThat(row.path("wallTimeMs").asLong()).isEqualTo(Duration
			.between(Instant.parse(job.path("startedAt").asString()), Instant.parse(job.path("finishedAt").asString()))
			.toMillis());
	}

	private JsonNode awaitSweep(String id) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		JsonNode sweep = this.api.get("/api/v1/sweeps/" + id).body();
		while (List.of("QUEUED", "RUNNING").contains(sweep.path("status").asString())) {
			assertThat(System.nanoTime()).as("sweep %s still running: %s", id, sweep).isLessThan(deadline);
			sleep();
			sweep = this.api.get("/api/v1/sweeps/" + id).body();
		}
		return sweep;
	}

	private List<JsonNode> metrics(String jobId) {
		return this.api.get("/api/v1/jobs/" + jobId + "/metrics").body().path("items").valueStream().toList();
	}

	private long events(JsonNode row, String type) {
		return this.api.get("/api/v1/jobs/" + row.path("jobId").asString() + "/events")
			.body()
			.path("items")
			.valueStream()
			.filter(event -> event.path("type").asString().equals(type))
			.count();
	}

	private long total(String listing) {
		return this.api.get(listing + "?size=1").body().path("totalItems").asLong();
	}

	private static List<JsonNode> rows(JsonNode sweep) {
		return sweep.path("comparison").valueStream().toList();
	}

	private static String sweep(String name, String base, String axes, Double targetLoss) {
		return "{\"name\":\"%s\",\"base\":%s,\"axes\":%s,\"targetLoss\":%s}".formatted(name, base, axes, targetLoss);
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
