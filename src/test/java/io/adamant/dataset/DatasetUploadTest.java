package io.adamant.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * CSV uploads through the HTTP API: stored, described, trained on and deleted; every bad
 * file refused with the row and column at fault, and nothing stored.
 */
class DatasetUploadTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final Path IRIS = Path.of("src/main/resources/datasets/iris/iris.csv");

	private static final String JOB = """
			{"dataset":{"name":"%s"},"model":{"type":"mlp","hiddenLayers":[{"units":16}]},
			 "optimizer":{"type":"adam","learningRate":0.01},"training":{"epochs":30,"batchSize":16,"seed":1}}""";

	@Autowired
	Datasets datasets;

	@Test
	void uploadsIrisTrainsOnItAndKeepsItWhileAJobUsesIt() throws IOException {
		byte[] csv = Files.readAllBytes(IRIS);

		Api.Response created = upload(new Api.Multipart().field("name", "iris-upload")
			.field("labelColumn", "species")
			.field("task", "classification")
			.file("file", "iris.csv", csv));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith("/api/v1/datasets/iris-upload");
		JsonNode dataset = created.body();
		assertThat(dataset.path("name").asString()).isEqualTo("iris-upload");
		assertThat(dataset.path("task").asString()).isEqualTo("classification");
		assertThat(dataset.path("input").asString()).isEqualTo("tabular");
		assertThat(ints(dataset.path("shape"))).containsExactly(4);
		assertThat(dataset.path("features").asInt()).isEqualTo(4);
		assertThat(dataset.path("outputs").asInt()).isEqualTo(3);
		assertThat(dataset.path("rows").asInt()).isEqualTo(150);
		assertThat(dataset.path("perStepLabels").asBoolean()).isFalse();
		assertThat(dataset.path("synthetic").asBoolean()).isFalse();
		assertThat(strings(dataset.path("classes"))).containsExactly("setosa", "versicolor", "virginica");
		assertThat(dataset.path("description").asString()).contains("iris.csv", "150 rows", "species");
		JsonNode statistics = dataset.path("statistics");
		assertThat(statistics.path("rows").asInt()).isEqualTo(150);
		assertThat(statistics.path("features").asInt()).isEqualTo(4);
		assertThat(statistics.path("outputs").asInt()).isEqualTo(3);
		assertThat(statistics.path("labelColumn").asString()).isEqualTo("species");
		assertThat(strings(statistics.path("featureColumns"))).containsExactly("sepal_length_cm", "sepal_width_cm",
				"petal_length_cm", "petal_width_cm");
		assertThat(statistics.path("classCounts").toString())
			.isEqualTo("{\"setosa\":50,\"versicolor\":50,\"virginica\":50}");
		assertThat(statistics.path("labelSummary").isNull()).isTrue();
		assertThat(statistics.path("filename").asString()).isEqualTo("iris.csv");
		assertThat(statistics.path("sizeBytes").asLong()).isEqualTo(csv.length);
		assertThat(Instant.parse(statistics.path("createdAt").asString())).isBetween(Instant.now().minusSeconds(60),
				Instant.now().plusSeconds(5));
		assertThat(this.api.get("/api/v1/datasets/iris-upload").body()).isEqualTo(dataset);
		JsonNode listed = this.api.get("/api/v1/datasets")
			.body()
			.path("items")
			.valueStream()
			.filter(d -> d.path("name").asString().equals("iris-upload"))
			.findFirst()
			.orElseThrow();
		assertThat(listed.path("rows").asInt()).isEqualTo(150);
		assertThat(listed.has("statistics")).as("the list stays a list of DatasetInfo").isFalse();

		LoadedDataset loaded = this.datasets.load("iris-upload", null, null, 1);
		LoadedDataset builtIn = this.datasets.load("iris", null, null, 1);
		assertThat(loaded.features().shape()).containsExactly(150, 4);
		assertThat(loaded.features()).isEqualTo(builtIn.features());
		assertThat(loaded.labels()).as("one-hot in sorted class order, as the built-in").isEqualTo(builtIn.labels());

		String id = this.api.submit(JOB.formatted("iris-upload")).path("id").asString();
		JsonNode job = this.api.awaitFinished(id, TIMEOUT);
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.at("/latestMetrics/validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);

		Api.Response delete = this.api.delete("/api/v1/datasets/iris-upload");
		assertThat(delete.status()).isEqualTo(409);
		assertThat(delete.body().path("type").asString()).isEqualTo("urn:adamant:problem:conflict");
		assertThat(delete.body().path("detail").asString()).contains("used by jobs");
		assertThat(this.api.get("/api/v1/datasets/iris-upload").status()).isEqualTo(200);
	}

	@Test
	void uploadsARegressionTargetAndTrainsOnIt() {
		Random random = new Random(42);
		StringBuilder csv = new StringBuilder("x1,y,x2,x3\n");
		double min = Double.MAX_VALUE;
		double max = -Double.MAX_VALUE;
		for (int row = 0; row < 400; row++) {
			double x1 = random.nextDouble() * 2 - 1;
			double x2 = random.nextDouble() * 2 - 1;
			double x3 = random.nextDouble() * 2 - 1;
			float y = (float) (2 * x1 - x2 + 0.5 * x3 * x3 + 0.01 * random.nextGaussian());
			min = Math.min(min, y);
			max = Math.max(max, y);
			csv.append(String.format(Locale.ROOT, "%.6f,%s,%.6f,%.6f%n", x1, y, x2, x3));
		}

		Api.Response created = upload(
				form("regression-upload", "regression", "y").file("file", "targets.csv", csv.toString()));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		JsonNode dataset = created.body();
		assertThat(dataset.path("task").asString()).isEqualTo("regression");
		assertThat(dataset.path("features").asInt()).isEqualTo(3);
		assertThat(dataset.path("outputs").asInt()).isEqualTo(1);
		assertThat(dataset.path("classes").size()).isZero();
		JsonNode statistics = dataset.path("statistics");
		assertThat(strings(statistics.path("featureColumns"))).containsExactly("x1", "x2", "x3");
		assertThat(statistics.path("classCounts").isNull()).isTrue();
		assertThat(statistics.at("/labelSummary/min").asDouble()).isEqualTo(min);
		assertThat(statistics.at("/labelSummary/max").asDouble()).isEqualTo(max);
		assertThat(statistics.at("/labelSummary/standardDeviation").asDouble()).isPositive();
		LoadedDataset loaded = this.datasets.load("regression-upload", null, null, 1);
		assertThat(loaded.labels().shape()).containsExactly(400, 1);
		assertThat(loaded.features().shape()).containsExactly(400, 3);

		String id = this.api.submit(JOB.formatted("regression-upload")).path("id").asString();
		JsonNode job = this.api.awaitFinished(id, TIMEOUT);
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		List<JsonNode> epochs = this.api.get("/api/v1/jobs/" + id + "/metrics")
			.body()
			.path("items")
			.valueStream()
			.toList();
		assertThat(epochs).hasSize(30);
		assertThat(epochs.get(29).path("validationRmse").asDouble())
			.isLessThan(epochs.get(0).path("validationRmse").asDouble() / 2);
		assertThat(this.api.delete("/api/v1/datasets/regression-upload").status()).isEqualTo(409);
	}

	@Test
	void readsQuotedFieldsCrlfAByteOrderMarkAndSortsClassNames() {
		String csv = "\uFEFF\"width, cm\",label,\"say \"\"height\"\"\"\r\n" + " 1.5 ,b,\"2\"\r\n"
				+ "-3e-1,\"class, C\",4\r\n" + "5,a,6\r\n" + "7,b,8\r\n" + "\r\n";

		Api.Response created = upload(form("quoted", "classification", "label").file("file", "quoted.csv", csv));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		JsonNode statistics = created.body().path("statistics");
		assertThat(strings(statistics.path("featureColumns"))).containsExactly("width, cm", "say \"height\"");
		assertThat(strings(created.body().path("classes"))).containsExactly("a", "b", "class, C");
		assertThat(statistics.path("classCounts").toString()).isEqualTo("{\"a\":1,\"b\":2,\"class, C\":1}");
		LoadedDataset loaded = this.datasets.load("quoted", null, null, 1);
		assertThat(loaded.features().toFloatMatrix())
			.isEqualTo(new float[][] { { 1.5f, 2 }, { -0.3f, 4 }, { 5, 6 }, { 7, 8 } });
		assertThat(loaded.labels().toFloatMatrix())
			.isEqualTo(new float[][] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } });
	}

	@Test
	void classNamesSortInStringOrder() {
		String csv = "x,label\n1,b\n2,a\n3,B\n4,10\n5,9\n";

		Api.Response created = upload(form("string-order", "classification", "label").file("file", "o.csv", csv));

		assertThat(created.status()).isEqualTo(201);
		assertThat(strings(created.body().path("classes"))).containsExactly("10", "9", "B", "a", "b");
		float[][] labels = this.datasets.load("string-order", null, null, 1).labels().toFloatMatrix();
		assertThat(labels[0]).containsExactly(0, 0, 0, 0, 1);
		assertThat(labels[3]).containsExactly(1, 0, 0, 0, 0);
	}

	@Test
	void takesAnImageShapeWhoseProductIsTheFeatureCount() {
		Api.Response created = upload(form("tiny-images", "classification", "label").field("imageShape", "2,2,2")
			.file("file", "images.csv", rows(8, 10)));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(created.body().path("input").asString()).isEqualTo("image");
		assertThat(ints(created.body().path("shape"))).containsExactly(2, 2, 2);
		assertThat(created.body().path("features").asInt()).isEqualTo(8);
		assertThat(this.datasets.find("tiny-images").orElseThrow().input()).isEqualTo(InputKind.IMAGE);
	}

	@Test
	void takesASequenceLengthThatDividesTheFeatures() {
		Api.Response created = upload(form("tiny-sequences", "regression", "label").field("sequenceLength", "3")
			.file("file", "sequences.csv", rows(6, 10)));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(created.body().path("input").asString()).isEqualTo("sequence");
		assertThat(ints(created.body().path("shape"))).as("[features per step, steps]").containsExactly(2, 3);
		DatasetInfo info = this.datasets.find("tiny-sequences").orElseThrow();
		assertThat(info.steps()).isEqualTo(3);
		assertThat(info.features()).isEqualTo(6);
	}

	static Stream<Arguments> badShapes() {
		return Stream.of(arguments("imageShape", "2,2,3", "2×2×3 is 12 values per image, but the file has 8"),
				arguments("imageShape", "2,4", "'2,4' is not an image shape"),
				arguments("imageShape", "2,0,4", "'2,0,4' is not an image shape"),
				arguments("imageShape", "a,b,c", "'a,b,c' is not an image shape"),
				arguments("sequenceLength", "3", "3 steps do not divide the file's 8 feature columns"),
				arguments("sequenceLength", "0", "'0' is not a sequence length"),
				arguments("sequenceLength", "two", "'two' is not a sequence length"),
				arguments("sequenceLength", "20000", "'20000' is not a sequence length"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("badShapes")
	void refusesAShapeThatDoesNotFitTheFeatures(String field, String value, String message) {
		assertRefused(
				form("bad-shape", "classification", "label").field(field, value).file("file", "shape.csv", rows(8, 4)),
				400, field, message);
	}

	@Test
	void refusesAnImageShapeWithASequenceLength() {
		assertRefused(form("both-shapes", "classification", "label").field("imageShape", "2,2,2")
			.field("sequenceLength", "2")
			.file("file", "both.csv", rows(8, 4)), 400, "sequenceLength", "cannot be combined with imageShape");
	}

	static Stream<Arguments> badFiles() {
		String header = "a,b,label\n";
		StringBuilder manyClasses = new StringBuilder(header);
		IntStream.range(0, 1001).forEach(i -> manyClasses.append("1,2,class-").append(i).append('\n'));
		StringBuilder manyProblems = new StringBuilder(header);
		IntStream.range(0, 20).forEach(i -> manyProblems.append("x,2,c\n"));
		return Stream.of(
				arguments("an empty file", "classification", "label", "", "file",
						"is empty; a header row and at least one data row are required"),
				arguments("blank lines only", "classification", "label", "\n\r\n", "file", "is empty"),
				arguments("a header only", "classification", "label", header, "file", "has a header but no data rows"),
				arguments("a ragged row", "classification", "label", header + "1,2,x\n3,y\n", "file",
						"row 2 (line 3): has 2 cells; the header has 3"),
				arguments("a long row", "classification", "label", header + "1,2,x,4\n", "file",
						"row 1 (line 2): has 4 cells; the header has 3"),
				arguments("a non-numeric feature", "classification", "label", header + "1,2,x\n1,2,y\n1,abc,x\n",
						"file", "row 3 (line 4), column \"b\": \"abc\" is not a number"),
				arguments("a NaN feature", "classification", "label", header + "NaN,2,x\n", "file",
						"row 1 (line 2), column \"a\": \"NaN\" is not a finite number"),
				arguments("a feature beyond float32", "classification", "label", header + "1e39,2,x\n", "file",
						"row 1 (line 2), column \"a\": \"1e39\" is beyond the float32 range"),
				arguments("a missing feature", "classification", "label", header + "1,2,x\n,2,y\n", "file",
						"row 2 (line 3), column \"a\": is empty"),
				arguments("a missing label", "classification", "label", header + "1,2,x\n1,2, \n", "file",
						"row 2 (line 3), column \"label\": is empty"),
				arguments("row numbers after a quoted line break", "classification", "label",
						"a,b,label\n1,2,\"two\nlines\"\n1,?,x\n", "file",
						"row 2 (line 4), column \"b\": \"?\" is not a number"),
				arguments("an unknown label column", "classification", "species", header + "1,2,x\n", "labelColumn",
						"\"species\" is not a column of the file; its columns are [a, b, label]"),
				arguments("a non-numeric regression target", "regression", "label", header + "1,2,3\n1,2,high\n",
						"file", "row 2 (line 3), column \"label\": \"high\" is not a number"),
				arguments("a single class", "classification", "label", header + "1,2,x\n3,4,x\n", "labelColumn",
						"\"label\" has only one class (\"x\"); classification needs at least 2"),
				arguments("more than 1000 classes", "classification", "label", manyClasses.toString(), "labelColumn",
						"\"label\" has more than 1000 classes (row 1001 (line 1002) brings class"),
				arguments("an unclosed quote", "classification", "label", header + "1,2,x\n1,2,\"y\n", "file",
						"row 2 (line 3): a quoted field that starts on line 3 is never closed"),
				arguments("text after a closing quote", "classification", "label", header + "\"1\"0,2,x\n", "file",
						"row 1 (line 2): unexpected character '0' after the closing quote of a field"),
				arguments("a duplicate column", "classification", "label", "a,a,label\n1,2,x\n", "file",
						"header (line 1): column \"a\" appears more than once"),
				arguments("an unnamed column", "classification", "label", "a,,label\n1,2,x\n", "file",
						"header (line 1), column 2: has no name"),
				arguments("a single column", "classification", "label", "label\nx\n", "file",
						"needs at least two columns"),
				arguments("semicolons", "classification", "label", "a;b;label\n1;2;x\n", "file",
						"needs at least two columns"),
				arguments("many problems", "classification", "label", manyProblems.toString(), "file",
						"stopped reading after 10 problems"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFiles")
	void refusesABadFileNamingWhereAndStoresNothing(String description, String task, String labelColumn, String csv,
			String field, String message) {
		assertRefused(form("bad-file", task, labelColumn).file("file", "bad.csv", csv), 400, field, message);
	}

	@Test
	void refusesAFileThatIsNotUtf8() {
		byte[] latin1 = "a,b,label\n1,2,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

		assertRefused(form("latin1", "classification", "label").file("file", "latin1.csv", latin1), 400, "file",
				"is not UTF-8 text");
	}

	@Test
	void refusesAFileOverTheLimitWith413() {
		StringBuilder csv = new StringBuilder("a,b,label\n");
		while (csv.length() <= 1024 * 1024) {
			csv.append("1.2345,6.789,x\n");
		}

		Api.Response refused = assertRefused(
				form("too-large", "classification", "label").file("file", "big.csv", csv.toString()), 413, "file",
				"is larger than the 1MB limit");

		assertThat(refused.body().path("type").asString()).isEqualTo("urn:adamant:problem:payload-too-large");
		assertThat(refused.body().path("title").asString()).isEqualTo("Payload too large");
	}

	@Test
	void reportsEveryMissingOrInvalidFormFieldAtOnce() {
		List<String> before = this.api.datasetNames();

		Api.Response missing = upload(new Api.Multipart().field("other", "x"));

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body().path("errors").valueStream().map(e -> e.path("field").asString()))
			.containsExactly("file", "name", "labelColumn", "task");
		Api.Response invalid = upload(new Api.Multipart().field("name", "Bad_Name")
			.field("labelColumn", "label")
			.field("task", "clustering")
			.file("file", "x.csv", rows(2, 3)));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body().path("errors").valueStream().map(e -> e.path("message").asString())).containsExactly(
				"'Bad_Name' is not a valid name: 1 to 63 lower-case letters, digits and hyphens, not starting with a hyphen",
				"'clustering' is not a valid value; one of [classification, regression]");
		assertThat(upload(form("-leading-hyphen", "regression", "label").file("file", "x.csv", rows(2, 3))).status())
			.isEqualTo(400);
		assertThat(upload(form("x".repeat(64), "regression", "label").file("file", "x.csv", rows(2, 3))).status())
			.isEqualTo(400);
		assertThat(this.api.datasetNames()).isEqualTo(before);
	}

	@Test
	void refusesANameThatIsTaken() {
		assertThat(upload(form("taken", "regression", "label").file("file", "x.csv", rows(2, 3))).status())
			.isEqualTo(201);

		Api.Response again = assertRefused(form("taken", "classification", "label").file("file", "x.csv", rows(2, 3)),
				409, null, null);
		assertThat(again.body().path("detail").asString()).isEqualTo("A dataset named 'taken' already exists");
		Api.Response builtIn = assertRefused(form("iris", "classification", "label").file("file", "x.csv", rows(2, 3)),
				409, null, null);
		assertThat(builtIn.body().path("detail").asString()).contains("'iris' is a built-in dataset");
		assertThat(this.api.get("/api/v1/datasets/taken").body().path("task").asString()).isEqualTo("regression");
	}

	@Test
	void refusesARequestThatIsNotMultipart() {
		Api.Response refused = this.api.post("/api/v1/datasets", "{\"name\":\"json\"}");

		assertThat(refused.status()).isEqualTo(415);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void deletesAnUploadNoJobUses() {
		assertThat(upload(form("short-lived", "regression", "label").file("file", "x.csv", rows(2, 3))).status())
			.isEqualTo(201);

		Api.Response deleted = this.api.delete("/api/v1/datasets/short-lived");

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/datasets/short-lived").status()).isEqualTo(404);
		assertThat(this.api.datasetNames()).doesNotContain("short-lived");
		assertThat(this.api.delete("/api/v1/datasets/short-lived").status()).isEqualTo(404);
		Api.Response job = this.api.post("/api/v1/jobs", JOB.formatted("short-lived"));
		assertThat(job.status()).isEqualTo(400);
		assertThat(job.body().at("/errors/0/field").asString()).isEqualTo("dataset.name");
	}

	@Test
	void refusesToDeleteABuiltInAndAnswers404ForAnUnknownName() {
		Api.Response builtIn = this.api.delete("/api/v1/datasets/iris");
		assertThat(builtIn.status()).isEqualTo(409);
		assertThat(builtIn.body().path("detail").asString())
			.isEqualTo("'iris' is a built-in dataset; it cannot be deleted");

		Api.Response unknown = this.api.delete("/api/v1/datasets/no-such-dataset");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().path("type").asString()).isEqualTo("urn:adamant:problem:not-found");
		assertThat(this.api.get("/api/v1/datasets/iris").status()).isEqualTo(200);
	}

	@Test
	void showsBuiltInsAsBeforeWithoutStatistics() {
		JsonNode iris = this.api.get("/api/v1/datasets/iris").body();

		assertThat(iris.path("name").asString()).isEqualTo("iris");
		assertThat(iris.path("rows").asInt()).isEqualTo(150);
		assertThat(iris.path("source").asString()).contains("Fisher");
		assertThat(iris.path("statistics").isNull()).isTrue();
		assertThat(this.api.datasetNames()).contains("iris", "synthetic-regression");
	}

	/** Uploads {@code form}, expects it refused and the dataset list unchanged. */
	private Api.Response assertRefused(Api.Multipart form, int status, String field, String message) {
		List<String> before = this.api.datasetNames();

		Api.Response refused = upload(form);

		assertThat(refused.status()).as(refused.body().toString()).isEqualTo(status);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		if (field != null) {
			assertThat(refused.body().path("errors").valueStream()).as(refused.body().toString()).anySatisfy(error -> {
				assertThat(error.path("field").asString()).isEqualTo(field);
				assertThat(error.path("message").asString()).contains(message);
			});
		}
		assertThat(this.api.datasetNames()).as("nothing is stored").isEqualTo(before);
		return refused;
	}

	private Api.Response upload(Api.Multipart form) {
		return this.api.postMultipart("/api/v1/datasets", form);
	}

	private static Api.Multipart form(String name, String task, String labelColumn) {
		return new Api.Multipart().field("name", name).field("task", task).field("labelColumn", labelColumn);
	}

	/** A CSV of {@code features} numbered columns and a two-class label. */
	private static String rows(int features, int rows) {
		StringBuilder csv = new StringBuilder();
		IntStream.range(0, features).forEach(f -> csv.append('f').append(f).append(','));
		csv.append("label\n");
		for (int row = 0; row < rows; row++) {
			for (int f = 0; f < features; f++) {
				csv.append(row * features + f).append(',');
			}
			csv.append(row % 2).append('\n');
		}
		return csv.toString();
	}

	private static List<Integer> ints(JsonNode array) {
		return array.valueStream().map(JsonNode::asInt).toList();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
