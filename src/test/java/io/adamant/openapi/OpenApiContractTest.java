package io.adamant.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI document the service serves at {@code /v3/api-docs} is the one kept in the
 * repository at {@value #STORED}: clients are generated from that file (see
 * {@code GeneratedClientTest}), so any change to the API shows up here first.
 * <p>
 * The two are compared as JSON trees: object members in any order, the {@code servers}
 * block (which names the test's random port) left out. On a difference the test fails
 * with a summary of what was added, removed and changed, by JSON pointer.
 * <p>
 * To accept the served document after an intended change to the API, regenerate the file
 * with one command and commit it:
 *
 * <pre>
 * ADAMANT_TEST_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' \
 *   ./mvnw test -Dtest=OpenApiContractTest -Dadamant.openapi.update=true
 * </pre>
 *
 * (without {@code ADAMANT_TEST_DATABASE_URL} the run uses Testcontainers or the embedded
 * PostgreSQL, as every test does). The client of {@code GeneratedClientTest} is generated
 * from the stored file before the tests compile; should a change to the API make the
 * stale file's client fail to compile, move {@code GeneratedClientTest} aside, delete
 * {@code target/generated-test-sources}, regenerate with {@code -Dcodegen.skip=true}
 * added, and put it back. The file is written pretty-printed with objects' members sorted
 * by name (but for schemas' properties and example payloads, whose order means
 * something), so that regenerating it gives a small, stable diff.
 */
class OpenApiContractTest extends HttpApiTest {

	static final String STORED = "src/main/resources/static/openapi.json";

	static final String UPDATE_PROPERTY = "adamant.openapi.update";

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final int MAX_REPORTED_DIFFERENCES = 40;

	/** Members whose value is data (an example, a default), kept as it is. */
	private static final Set<String> PAYLOADS = Set.of("value", "example", "default", "const", "enum");

	@Test
	void servedDocumentIsTheStoredOne() throws IOException {
		Api.Response response = this.api.get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		JsonNode served = normalise(response.body());
		Path stored = Path.of(STORED);

		if (Boolean.getBoolean(UPDATE_PROPERTY)) {
			Files.writeString(stored, json.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
			return;
		}
		assertThat(stored).as("the stored OpenAPI document; create it with -D%s=true", UPDATE_PROPERTY).exists();
		JsonNode expected = normalise(json.readTree(Files.readString(stored, StandardCharsets.UTF_8)));
		List<String> differences = new ArrayList<>();
		compare(JsonPointer.empty(), expected, served, differences);
		if (!differences.isEmpty()) {
			List<String> shown = differences.subList(0, Math.min(differences.size(), MAX_REPORTED_DIFFERENCES));
			fail("""
					The served OpenAPI document (/v3/api-docs) differs from %s in %d place(s) \
					(removed: in the file, no longer served; added: served, not in the file):
					  %s%s
					If the API change is intended, regenerate the stored document and commit it:
					  ./mvnw test -Dtest=OpenApiContractTest -D%s=true"""
				.formatted(STORED, differences.size(), String.join("\n  ", shown),
						(differences.size() > shown.size())
								? "\n  … and %d more".formatted(differences.size() - shown.size()) : "",
						UPDATE_PROPERTY));
		}
	}

	/**
	 * The stored document is served as a static file, and Swagger UI reads the live one.
	 */
	@Test
	void storedDocumentAndSwaggerUiAreServed() throws IOException {
		assertThat(this.api.download("/swagger-ui/index.html").statusCode()).isEqualTo(200);
		Api.Response config = this.api.get("/v3/api-docs/swagger-config");
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.body().path("url").asString()).isEqualTo("/v3/api-docs");

		Api.Response file = this.api.get("/openapi.json");
		assertThat(file.status()).isEqualTo(200);
		// the class path's copy, which an update run has just replaced in the source tree
		Assumptions.assumeFalse(Boolean.getBoolean(UPDATE_PROPERTY));
		assertThat(normalise(file.body()))
			.isEqualTo(normalise(json.readTree(Files.readString(Path.of(STORED), StandardCharsets.UTF_8))));
	}

	/**
	 * Every operation says what it answers when it succeeds, and answers every error with
	 * a problem: a check of the served document that holds for operations added later.
	 */
	@Test
	void everyOperationDocumentsItsSuccessAndItsProblems() {
		JsonNode document = this.api.get("/v3/api-docs").body();
		List<String> faults = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String name = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
				JsonNode responses = operation.getValue().path("responses");
				if (responses.propertyNames().stream().noneMatch(code -> code.startsWith("2"))) {
					faults.add(name + ": no 2xx response");
				}
				if (!responses.has("500")) {
					faults.add(name + ": no 500 response");
				}
				for (Map.Entry<String, JsonNode> response : responses.properties()) {
					boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
					JsonNode problem = response.getValue().at("/content/application~1problem+json/schema/$ref");
					if (error && !problem.asString("").equals("#/components/schemas/ProblemDetail")) {
						faults.add(name + ": " + response.getKey() + " is not a ProblemDetail");
					}
				}
				if (!operation.getValue().hasNonNull("operationId") || !operation.getValue().hasNonNull("summary")) {
					faults.add(name + ": no operationId or summary");
				}
			}
		}
		assertThat(faults).isEmpty();
	}

	/**
	 * Every example body of {@code POST /api/v1/jobs} in the document is a spec the
	 * service accepts (each job is cancelled at once).
	 */
	@Test
	void jobSpecExamplesAreAccepted() {
		JsonNode examples = this.api.get("/v3/api-docs")
			.body()
			.at("/paths/~1api~1v1~1jobs/post/requestBody/content/application~1json/examples");
		assertThat(examples.size()).as("examples of POST /api/v1/jobs").isGreaterThanOrEqualTo(3);
		for (Map.Entry<String, JsonNode> example : examples.properties()) {
			Api.Response submitted = this.api.post("/api/v1/jobs", example.getValue().path("value").toString());
			assertThat(submitted.status()).as("example %s: %s", example.getKey(), submitted.body()).isEqualTo(202);
			String id = submitted.body().path("id").asString();
			assertThat(this.api.post("/api/v1/jobs/" + id + "/cancel").status()).isIn(200, 202, 409);
		}
	}

	/**
	 * The document without its {@code servers}, its objects' members sorted by name, but
	 * for those whose order means something: a schema's {@code properties} (the order of
	 * a generated class's fields and a form's parameters) and example payloads.
	 */
	static JsonNode normalise(JsonNode document) {
		JsonNode copy = sorted(document);
		if (copy instanceof ObjectNode object) {
			object.remove("servers");
		}
		return copy;
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> members = new TreeMap<>();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				members.put(member.getKey(), normalised(member.getKey(), member.getValue()));
			}
			ObjectNode object = JsonNodeFactory.instance.objectNode();
			members.forEach(object::set);
			return object;
		}
		if (node.isArray()) {
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			for (JsonNode element : node) {
				array.add(sorted(element));
			}
			return array;
		}
		return node;
	}

	private static JsonNode normalised(String name, JsonNode value) {
		if (PAYLOADS.contains(name) || (name.equals("examples") && value.isArray())) {
			return value.deepCopy();
		}
		if (name.equals("properties") && value.isObject()) {
			ObjectNode properties = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> property : value.properties()) {
				properties.set(property.getKey(), sorted(property.getValue()));
			}
			return properties;
		}
		return sorted(value);
	}

	/** Adds a line per difference between the two trees, named by JSON pointer. */
	static void compare(JsonPointer at, JsonNode expected, JsonNode actual, List<String> differences) {
		if (expected.equals(actual)) {
			return;
		}
		if (expected.isObject() && actual.isObject()) {
			for (Map.Entry<String, JsonNode> member : expected.properties()) {
				JsonPointer child = at.appendProperty(member.getKey());
				if (!actual.has(member.getKey())) {
					differences.add("removed  " + pointer(child) + ": " + abbreviate(member.getValue()));
				}
				else {
					compare(child, member.getValue(), actual.get(member.getKey()), differences);
				}
			}
			for (Iterator<String> names = actual.propertyNames().iterator(); names.hasNext();) {
				String name = names.next();
				if (!expected.has(name)) {
					differences
						.add("added    " + pointer(at.appendProperty(name)) + ": " + abbreviate(actual.get(name)));
				}
			}
			return;
		}
		if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
			for (int i = 0; i < expected.size(); i++) {
				compare(at.appendIndex(i), expected.get(i), actual.get(i), differences);
			}
			return;
		}
		differences.add("changed  " + pointer(at) + ": " + abbreviate(expected) + " -> " + abbreviate(actual));
	}

	private static String pointer(JsonPointer pointer) {
		String text = pointer.toString();
		return text.isEmpty() ? "/" : text;
	}

	private static String abbreviate(JsonNode node) {
		String text = node.toString();
		return (text.length() <= 100) ? text : text.substring(0, 97) + "...";
	}

}
