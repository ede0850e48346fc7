package io.adamant.job;

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

/**
 * Every way a spec can be wrong gets a 400 problem naming the field, and stores nothing.
 */
class JobSpecValidationTest extends HttpApiTest {

	private static final String VALID = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":8}]},
			 "training":{"epochs":1}}""";

	static Stream<Arguments> invalidSpecs() {
		return Stream.of(Arguments.of("unknown dataset", """
				{"dataset":{"name":"mnist"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1}}""",
				List.of("dataset.name")), Arguments.of("samples for a real dataset", """
						{"dataset":{"name":"iris","samples":10},"model":{"type":"mlp","hiddenLayers":[]},
						 "training":{"epochs":1}}""", List.of("dataset.samples")),
				Arguments.of("negative learning rate", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},
						 "optimizer":{"type":"sgd","learningRate":-0.1},"training":{"epochs":1}}""",
						List.of("optimizer.learningRate")),
				Arguments.of("zero epochs", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":0}}""",
						List.of("training.epochs")),
				Arguments.of("several bad fields at once", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":0}]},
						 "optimizer":{"type":"adam","beta1":1.0,"epsilon":0},
						 "clipping":{"type":"value","threshold":-1},
						 "training":{"epochs":1,"batchSize":0,"validationFraction":0.95}}""",
						List.of("clipping.threshold", "model.hiddenLayers[0].units", "optimizer.beta1",
								"optimizer.epsilon", "training.batchSize", "training.validationFraction")),
				Arguments.of("missing fields", "{\"model\":{\"type\":\"mlp\",\"hiddenLayers\":[]}}",
						List.of("dataset", "training")),
				Arguments.of("missing clipping threshold", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},
						 "clipping":{"type":"l2-per-layer"},"training":{"epochs":1}}""", List.of("clipping.threshold")),
				Arguments.of("wrong type",
						"""
								{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":"ten"}}""",
						List.of("training.epochs")),
				Arguments.of("fraction for an integer",
						"""
								{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1.5}}""",
						List.of("training.epochs")),
				Arguments.of("unknown enum value",
						"""
								{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4,"activation":"relu6"}]},
								 "training":{"epochs":1}}""",
						List.of("model.hiddenLayers[0].activation")),
				Arguments.of("unknown optimizer", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},
						 "optimizer":{"type":"lion"},"training":{"epochs":1}}""", List.of("optimizer.type")),
				Arguments.of("missing model type", """
						{"dataset":{"name":"iris"},"model":{"hiddenLayers":[]},"training":{"epochs":1}}""",
						List.of("model.type")),
				Arguments.of("unknown field", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},
						 "training":{"epochs":1,"learningrate":0.1}}""", List.of("training.learningrate")),
				Arguments.of("priority out of range", """
						{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1},
						 "priority":101}""", List.of("priority")),
				Arguments.of("malformed JSON", "{\"dataset\":{\"name\":\"iris\"}", List.of("body")),
				Arguments.of("empty body", "", List.of("body")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSpecs")
	void rejectsInvalidSpecWithProblemNamingEachBadField(String description, String spec, List<String> fields) {
		long before = totalJobs();

		Api.Response response = this.api.post("/api/v1/jobs", spec);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.body();
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("type").asString()).startsWith("urn:adamant:problem:");
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
			.containsExactlyInAnyOrderElementsOf(fields);
		assertThat(problem.path("errors").valueStream().map(e -> e.path("message").asString()))
			.allSatisfy(message -> assertThat(message).isNotBlank());
		assertThat(totalJobs()).isEqualTo(before);
	}

	@Test
	void acceptsMinimalSpecAndReturnsItNormalised() {
		Api.Response response = this.api.post("/api/v1/jobs", VALID);

		assertThat(response.status()).isEqualTo(202);
		JsonNode job = response.body();
		assertThat(response.header("Location")).endsWith("/api/v1/jobs/" + job.path("id").asString());
		assertThat(job.path("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
		JsonNode spec = job.path("spec");
		assertThat(spec.at("/optimizer/type").asString()).isEqualTo("adam");
		assertThat(spec.at("/optimizer/learningRate").asDouble()).isEqualTo(0.001);
		assertThat(spec.at("/optimizer/beta1").asDouble()).isEqualTo(0.9);
		assertThat(spec.at("/optimizer/beta2").asDouble()).isEqualTo(0.999);
		assertThat(spec.at("/optimizer/epsilon").asDouble()).isEqualTo(1e-8);
		assertThat(spec.at("/clipping/type").asString()).isEqualTo("none");
		assertThat(spec.at("/model/hiddenLayers/0/activation").asString()).isEqualTo("relu");
		assertThat(spec.at("/training/batchSize").asInt()).isEqualTo(32);
		assertThat(spec.at("/training/validationFraction").asDouble()).isEqualTo(0.2);
		assertThat(spec.at("/training/seed").isIntegralNumber()).as("a drawn seed is stored").isTrue();
		assertThat(job.at("/progress/epochsTotal").asInt()).isEqualTo(1);
	}

	@Test
	void rejectsBadQueryParametersAndUnknownIds() {
		assertThat(this.api.get("/api/v1/jobs?status=DONE").body().at("/errors/0/field").asString())
			.isEqualTo("status");
		assertThat(this.api.get("/api/v1/jobs?size=1000").body().at("/errors/0/field").asString()).isEqualTo("size");
		assertThat(this.api.get("/api/v1/jobs/not-a-uuid").body().at("/errors/0/field").asString()).isEqualTo("id");
		Api.Response missing = this.api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body().path("type").asString()).isEqualTo("urn:adamant:problem:not-found");
		assertThat(this.api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000/metrics").status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/jobs/00000000-0000-0000-0000-000000000000/cancel").status()).isEqualTo(404);
	}

	private long totalJobs() {
		return this.api.get("/api/v1/jobs?size=1").body().path("totalItems").asLong();
	}

}
