package io.adamant.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploaded images train a CNN and uploaded sequences an RNN; predictions match the data.
 */
class UploadedShapesTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Test
	void uploadedImagesTrainACnnThatPredictsATrainingRowsLabel() throws IOException {
		List<String> rows = digitRows(700);
		StringBuilder csv = new StringBuilder();
		for (int p = 0; p < 64; p++) {
			csv.append("pixel").append(p).append(',');
		}
		csv.append("digit\n");
		rows.forEach(row -> csv.append(row).append('\n'));
		Api.Response created = this.api.postMultipart("/api/v1/datasets",
				new Api.Multipart().field("name", "my-digits")
					.field("task", "classification")
					.field("labelColumn", "digit")
					.field("imageShape", "1,8,8")
					.file("file", "digits.csv", csv.toString()));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

		String job = this.api.submit("""
				{"dataset":{"name":"my-digits"},
				 "model":{"type":"cnn","convolutions":[{"filters":16,"kernel":3,"padding":1,"pooling":{"type":"max"}}],
				          "denseLayers":[{"units":32}]},
				 "optimizer":{"type":"adam","learningRate":0.005},"training":{"epochs":8,"batchSize":32,"seed":1}}""")
			.path("id")
			.asString();
		JsonNode finished = this.api.awaitFinished(job, TIMEOUT);
		assertThat(finished.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(finished.at("/latestMetrics/validationAccuracy").asDouble()).isGreaterThanOrEqualTo(0.85);

		String first = rows.get(0);
		String features = first.substring(0, first.lastIndexOf(','));
		String label = first.substring(first.lastIndexOf(',') + 1);
		JsonNode prediction = this.api.post("/api/v1/jobs/" + job + "/predict", "{\"features\":[[" + features + "]]}")
			.body();
		assertThat(prediction.at("/predictions/0/label").asString()).isEqualTo(label);
	}

	@Test
	void uploadedSequencesTrainAnLstm() {
		// the adding problem as a CSV: 10 values, then 10 markers, then the target
		Random random = new Random(3);
		StringBuilder csv = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			csv.append(i < 10 ? "v" + i : "m" + (i - 10)).append(',');
		}
		csv.append("sum\n");
		for (int row = 0; row < 800; row++) {
			double[] values = random.doubles(10).toArray();
			int a = random.nextInt(5);
			int b = 5 + random.nextInt(5);
			for (double value : values) {
				csv.append(String.format(java.util.Locale.ROOT, "%.4f,", value));
			}
			for (int t = 0; t < 10; t++) {
				csv.append(t == a || t == b ? "1," : "0,");
			}
			csv.append(String.format(java.util.Locale.ROOT, "%.4f%n", values[a] + values[b]));
		}
		Api.Response created = this.api.postMultipart("/api/v1/datasets",
				new Api.Multipart().field("name", "my-adding")
					.field("task", "regression")
					.field("labelColumn", "sum")
					.field("sequenceLength", "10")
					.file("file", "adding.csv", csv.toString()));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

		String job = this.api.submit("""
				{"dataset":{"name":"my-adding"},"model":{"type":"rnn","layers":[{"units":32}]},
				 "optimizer":{"type":"adam","learningRate":0.01},"training":{"epochs":10,"batchSize":32,"seed":1}}""")
			.path("id")
			.asString();
		JsonNode finished = this.api.awaitFinished(job, TIMEOUT);

		assertThat(finished.path("status").asString()).isEqualTo("SUCCEEDED");
		double rmse = finished.at("/latestMetrics/validationRmse").asDouble();
		assertThat(rmse * rmse).as("well below the mean predictor's 1/6").isLessThan(1.0 / 6 / 2);
	}

	private static List<String> digitRows(int count) throws IOException {
		List<String> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(Files.newInputStream(Path.of("src/main/resources/datasets/digits/digits.csv.gz"))),
				StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null && rows.size() < count; line = reader.readLine()) {
				rows.add(line);
			}
		}
		return rows;
	}

}
