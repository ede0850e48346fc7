package io.adamant.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import io.adamant.support.Api;
import io.adamant.support.HttpApiTest;
import io.adamant.support.ShapeImages;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Zips of images in ImageFolder layout through the HTTP API: stored, trained on with the
 * seed's ConvNet and predicted on with image files; every bad archive refused naming the
 * entry at fault, with nothing stored.
 */
class ImageFolderUploadTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** The seed's ConvNet (see README "Models"). */
	private static final String SEED_CONVNET = """
			{"dataset":{"name":"%s"},
			 "model":{"type":"cnn","convolutions":[
			    {"filters":6,"kernel":5,"pooling":{"type":"max","size":2}},
			    {"filters":16,"kernel":5,"pooling":{"type":"max","size":2}}],
			  "denseLayers":[{"units":120},{"units":84}]},
			 "optimizer":{"type":"adam","learningRate":0.005},
			 "training":{"epochs":12,"batchSize":8,"seed":1,"validationFraction":0}}""";

	private static final byte[] PNG = ShapeImages.encode(ShapeImages.draw("circle", 32, new Random(1)), "png");

	@Autowired
	Datasets datasets;

	@Test
	void trainsTheSeedsConvNetOnTheUploadsOwnSplitAndPredictsHeldOutImages() {
		byte[] zip = ShapeImages.imageFolder(11, 60, 15);

		Api.Response created = upload(new Api.Multipart().field("name", "shapes-zip")
			.field("imageSize", "32x32")
			.file("file", "shapes.zip", zip));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith("/api/v1/datasets/shapes-zip");
		JsonNode dataset = created.body();
		assertThat(dataset.path("task").asString()).isEqualTo("classification");
		assertThat(dataset.path("input").asString()).isEqualTo("image");
		assertThat(ints(dataset.path("shape"))).containsExactly(3, 32, 32);
		assertThat(dataset.path("features").asInt()).isEqualTo(3 * 32 * 32);
		assertThat(dataset.path("rows").asInt()).isEqualTo(225);
		assertThat(strings(dataset.path("classes"))).containsExactly("circle", "square", "triangle");
		assertThat(dataset.path("description").asString()).contains("shapes.zip", "225 images",
				"split as uploaded: 180 in train/, 45 in val/");
		JsonNode statistics = dataset.path("statistics");
		assertThat(statistics.path("classCounts").toString())
			.isEqualTo("{\"circle\":75,\"square\":75,\"triangle\":75}");
		assertThat(statistics.path("labelColumn").isNull()).isTrue();
		assertThat(statistics.path("featureColumns").isNull()).isTrue();
		assertThat(statistics.path("filename").asString()).isEqualTo("shapes.zip");
		assertThat(statistics.path("sizeBytes").asLong()).as("the stored pixels, more than the zip")
			.isEqualTo(225 * 3 * 32 * 32);
		JsonNode images = statistics.path("images");
		assertThat(images.path("channels").asInt()).isEqualTo(3);
		assertThat(images.path("trainImages").asInt()).isEqualTo(180);
		assertThat(images.path("validationImages").asInt()).isEqualTo(45);
		assertThat(images.path("channelMean").valueStream().map(JsonNode::asDouble)).hasSize(3)
			.allSatisfy(mean -> assertThat(mean).isBetween(0.05, 0.6));
		assertThat(this.api.get("/api/v1/datasets/shapes-zip").body()).isEqualTo(dataset);

		// a job validates on val/'s images, exactly: even a validation fraction of 0 does
		// not change that
		LoadedDataset loaded = this.datasets.load("shapes-zip", null, null, 1);
		assertThat(loaded.standardisation()).isEqualTo(LoadedDataset.Standardisation.PER_CHANNEL);
		DataSet validation = DatasetSplit.of(loaded, 0.0, 1).validation();
		assertThat(validation.getFeatures())
			.isEqualTo(loaded.features().get(NDArrayIndex.interval(180, 225), NDArrayIndex.all()));
		assertThat(DatasetSplit.of(loaded, 0.5, 2).train().numExamples()).isEqualTo(180);

		long started = System.nanoTime();
		String job = this.api.submit(SEED_CONVNET.formatted("shapes-zip")).path("id").asString();
		JsonNode finished = this.api.awaitFinished(job, TIMEOUT);
		assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
		double accuracy = finished.at("/latestMetrics/validationAccuracy").asDouble();
		System.out.printf("seed ConvNet on a zip of 3 x 75 images: validation accuracy %.3f on val/'s 45 images "
				+ "after 12 epochs, %.1f s from submission%n", accuracy, (System.nanoTime() - started) / 1e9);
		assertThat(accuracy).isGreaterThanOrEqualTo(0.9);

		// images never uploaded, as files, then the same files as base64
		Random random = new Random(99);
		Api.Multipart files = new Api.Multipart();
		List<String> expected = new ArrayList<>();
		List<String> encoded = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			for (String shape : ShapeImages.CLASSES) {
				byte[] png = ShapeImages.encode(ShapeImages.draw(shape, 48, random), "png");
				files.file("image", shape + ".png", png);
				expected.add(shape);
				encoded.add("\"" + (i == 0 ? "data:image/png;base64," : "") + Base64.getEncoder().encodeToString(png)
						+ "\"");
			}
		}
		Api.Response uploaded = this.api.postMultipart("/api/v1/jobs/" + job + "/predict", files);
		assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(200);
		List<String> predicted = labels(uploaded.body());
		long correct = IntStream.range(0, 9).filter(i -> predicted.get(i).equals(expected.get(i))).count();
		System.out.printf("held-out images predicted: %d of 9 correct%n", correct);
		assertThat(correct).as(predicted.toString()).isGreaterThanOrEqualTo(8);
		JsonNode first = uploaded.body().at("/predictions/0/probabilities");
		assertThat(
				first.path("circle").asDouble() + first.path("square").asDouble() + first.path("triangle").asDouble())
			.isCloseTo(1.0, Offset.offset(1e-4));
		Api.Response base64 = this.api.post("/api/v1/jobs/" + job + "/predict",
				"{\"images\":[" + String.join(",", encoded) + "]}");
		assertThat(base64.status()).as(base64.body().toString()).isEqualTo(200);
		assertThat(base64.body().path("predictions")).as("the same files decode the same either way")
			.isEqualTo(uploaded.body().path("predictions"));

		assertProblem(this.api.post("/api/v1/jobs/" + job + "/predict", "{\"images\":[\"not base64!\"]}"), 400,
				"images[0]", "is not base64");
		assertProblem(
				this.api.post("/api/v1/jobs/" + job + "/predict",
						"{\"images\":[\"%s\"]}".formatted(Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 }))),
				400, "images[0]", "is not a PNG or JPEG image");
		assertProblem(
				this.api.post("/api/v1/jobs/" + job + "/predict",
						"{\"images\":[%s],\"features\":[[1]]}".formatted(encoded.get(1))),
				400, "images", "cannot be combined with features");
		assertProblem(
				this.api.postMultipart("/api/v1/jobs/" + job + "/predict",
						new Api.Multipart().file("image", "a.png", PNG)
							.file("image", "huge.png", pngHeader(20_000, 20_000))),
				413, "image[1]", "is 20000×20000 pixels");
		assertThat(this.api.delete("/api/v1/datasets/shapes-zip").status()).as("a job uses it").isEqualTo(409);
	}

	@Test
	void predictsOnImageFilesOnlyForDatasetsMadeOfImages() {
		String cnn = """
				{"dataset":%s,"model":{"type":"cnn","convolutions":[{"filters":2,"kernel":3,"pooling":{"type":"max"}}]},
				 "training":{"epochs":1,"seed":1}}""";
		String shapes = this.api.submit(cnn.formatted("{\"name\":\"shapes\",\"samples\":30}")).path("id").asString();
		String digits = this.api.submit(cnn.formatted("{\"name\":\"digits\"}")).path("id").asString();
		assertThat(this.api.awaitFinished(shapes, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(this.api.awaitFinished(digits, TIMEOUT).path("status").asString()).isEqualTo("SUCCEEDED");

		Api.Response generated = this.api.postMultipart("/api/v1/jobs/" + shapes + "/predict",
				new Api.Multipart().file("image", "circle.png", PNG));
		assertThat(generated.status()).as(generated.body().toString()).isEqualTo(200);
		assertThat(ShapeImages.CLASSES).contains(generated.body().at("/predictions/0/label").asString());
		// digits' intensities are 0 – 16, not an image file's 0 – 1
		assertProblem(
				this.api.postMultipart("/api/v1/jobs/" + digits + "/predict",
						new Api.Multipart().file("image", "circle.png", PNG)),
				400, "image", "the job's dataset 'digits' is not made of image files");
		assertProblem(
				this.api.postMultipart("/api/v1/jobs/" + digits + "/predict", new Api.Multipart().field("x", "y")), 400,
				"image", "is required");
	}

	@Test
	void readsGreyImagesUnderOneRootFolderAsOneChannelOfTheirOwnValues() {
		ShapeImages.Zip zip = new ShapeImages.Zip().directory("tones/")
			.file("__MACOSX/tones/dark/._1.png", new byte[] { 0, 5, 22, 7 })
			.file("tones/.DS_Store", new byte[] { 0, 0, 0, 1 });
		for (int i = 0; i < 3; i++) {
			zip.file("tones/dark/%d.png".formatted(i), grey(64, 20 + i, 10));
			zip.file("tones/light/%d.png".formatted(i), grey(192, 10, 20 + i));
		}

		Api.Response created = upload(new Api.Multipart().field("name", "tones")
			.field("width", "8")
			.field("height", "4")
			.field("task", "classification")
			.file("file", "tones.zip", zip.bytes()));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(ints(created.body().path("shape"))).as("[channels, height, width]").containsExactly(1, 4, 8);
		assertThat(strings(created.body().path("classes"))).containsExactly("dark", "light");
		JsonNode images = created.body().at("/statistics/images");
		assertThat(images.path("channels").asInt()).isEqualTo(1);
		assertThat(images.path("trainImages").isNull()).as("each job splits").isTrue();
		assertThat(images.path("channelMean").get(0).asDouble()).isCloseTo(128 / 255.0, Offset.offset(1e-6));
		LoadedDataset loaded = this.datasets.load("tones", null, null, 1);
		assertThat(loaded.validationRows()).isNull();
		assertThat(loaded.features().getRow(0).toFloatVector()).containsOnly(64 / 255f);
		assertThat(loaded.features().getRow(5).toFloatVector()).containsOnly(192 / 255f);
		assertThat(loaded.labels().toFloatMatrix()[5]).containsExactly(0, 1);

		Api.Response rgb = upload(new Api.Multipart().field("name", "tones-rgb")
			.field("imageSize", "6")
			.field("channels", "3")
			.file("file", "tones.zip",
					new ShapeImages.Zip().file("a/1.png", grey(10, 3, 3))
						.file("b/1.jpg", ShapeImages.encode(ShapeImages.draw("square", 12, new Random(3)), "jpg"))
						.bytes()));
		assertThat(rgb.status()).as(rgb.body().toString()).isEqualTo(201);
		assertThat(ints(rgb.body().path("shape"))).containsExactly(3, 6, 6);
		assertThat(this.datasets.load("tones-rgb", null, null, 1).features().getRow(0).toFloatVector())
			.containsOnly(10 / 255f);
	}

	@Test
	void theReadmesSampleIsTheGeneratorsAndUploads() throws IOException {
		byte[] sample = Files.readAllBytes(Path.of("http-requests/shapes.zip"));
		assertThat(sample.length).isLessThan(100_000);
		assertThat(entryNames(sample)).isEqualTo(entryNames(ShapeImages.imageFolder(7, 30, 10)));
		BufferedImage triangle = ImageIO.read(Path.of("http-requests/triangle.png").toFile());
		BufferedImage drawn = ShapeImages.heldOut("triangle");
		assertThat(triangle.getRGB(0, 0, 40, 40, null, 0, 40)).isEqualTo(drawn.getRGB(0, 0, 40, 40, null, 0, 40));

		Api.Response created = upload(new Api.Multipart().field("name", "readme-shapes")
			.field("imageSize", "32x32")
			.file("file", "shapes.zip", sample));

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(created.body().at("/statistics/classCounts").toString())
			.isEqualTo("{\"circle\":40,\"square\":40,\"triangle\":40}");
		assertThat(created.body().at("/statistics/images/validationImages").asInt()).isEqualTo(30);
	}

	static Stream<Arguments> badArchives() {
		byte[] png = PNG;
		byte[] noise = new byte[700 * 1024];
		Random random = new Random(5);
		for (int i = 0; i < noise.length; i++) {
			noise[i] = (byte) random.nextInt(2);
		}
		byte[] incompressible = new byte[50_000];
		random.nextBytes(incompressible);
		byte[] truncated = new ShapeImages.Zip().file("circle/big.png", incompressible)
			.file("square/1.png", png)
			.bytes();
		ShapeImages.Zip manyEntries = new ShapeImages.Zip();
		IntStream.range(0, 301).forEach(i -> manyEntries.directory("d" + i));
		ShapeImages.Zip manyBroken = new ShapeImages.Zip();
		IntStream.range(0, 12).forEach(i -> manyBroken.file("circle/%d.png".formatted(i), new byte[] { 1 }));
		return Stream.of(arguments("not a zip", "images.zip", png, 400, "file: is not a zip archive"),
				arguments("an empty file", "images.zip", new byte[0], 400, "file: is empty; expected a zip archive"),
				arguments("an empty zip", "images.zip", new ShapeImages.Zip().bytes(), 400, "file: has no images"),
				arguments("folders only", "images.zip", new ShapeImages.Zip().directory("circle").bytes(), 400,
						"file: has no images: expected a folder per class"),
				arguments("no class folders", "images.zip",
						new ShapeImages.Zip().file("circle.png", png).file("square.png", png).bytes(), 400,
						"file: entry \"circle.png\": is not in a class folder"),
				arguments("one class folder", "images.zip",
						new ShapeImages.Zip().file("circle/1.png", png).file("circle/2.png", png).bytes(), 400,
						"file: has only one class folder (\"circle\")"),
				arguments("an image nested too deep", "images.zip",
						new ShapeImages.Zip().file("circle/big/1.png", png).file("square/1.png", png).bytes(), 400,
						"file: entry \"circle/big/1.png\": is not directly in a class folder"),
				arguments("an undecodable image", "images.zip",
						new ShapeImages.Zip().file("circle/1.png", png)
							.file("circle/broken.png", "not an image".getBytes(StandardCharsets.UTF_8))
							.bytes(),
						400, "file: entry \"circle/broken.png\": is not a PNG or JPEG image"),
				arguments("a truncated image", "images.zip",
						new ShapeImages.Zip().file("square/cut.png", Arrays.copyOf(png, png.length / 2)).bytes(), 400,
						"file: entry \"square/cut.png\": is not a decodable PNG or JPEG image"),
				arguments("a GIF", "images.zip",
						new ShapeImages.Zip()
							.file("square/1.png",
									ShapeImages.encode(ShapeImages.draw("square", 16, new Random(2)), "gif"))
							.bytes(),
						400, "file: entry \"square/1.png\": is not a PNG or JPEG image"),
				arguments("a zero-byte image", "images.zip",
						new ShapeImages.Zip().file("circle/1.png", png).file("square/empty.png", new byte[0]).bytes(),
						400, "file: entry \"square/empty.png\": is empty (0 bytes)"),
				arguments("a file that is not an image", "images.zip",
						new ShapeImages.Zip().file("circle/notes.txt", new byte[] { 'h', 'i' }).bytes(), 400,
						"file: entry \"circle/notes.txt\": is not a .png, .jpg or .jpeg file"),
				arguments("a parent-folder escape", "images.zip",
						new ShapeImages.Zip().file("circle/../../evil.png", png).bytes(), 400,
						"file: entry \"circle/../../evil.png\": leaves the archive"),
				arguments("an absolute path", "images.zip", new ShapeImages.Zip().file("/etc/x.png", png).bytes(), 400,
						"file: entry \"/etc/x.png\": leaves the archive"),
				arguments("a backslash escape", "images.zip",
						new ShapeImages.Zip().file("circle\\..\\..\\x.png", png).bytes(), 400,
						"file: entry \"circle\\..\\..\\x.png\": leaves the archive"),
				arguments("a drive letter", "images.zip", new ShapeImages.Zip().file("C:/x.png", png).bytes(), 400,
						"file: entry \"C:/x.png\": leaves the archive"),
				arguments("only train/", "images.zip",
						new ShapeImages.Zip().file("train/a/1.png", png).file("train/b/1.png", png).bytes(), 400,
						"file: has images in train/ but none in val/"),
				arguments("a class only in val/", "images.zip",
						new ShapeImages.Zip().file("train/a/1.png", png)
							.file("train/b/1.png", png)
							.file("val/c/1.png", png)
							.bytes(),
						400, "file: entry \"val/c/1.png\": is in class \"c\", which has no images in train/"),
				arguments("images outside train/ and val/", "images.zip",
						new ShapeImages.Zip().file("train/a/1.png", png)
							.file("val/a/1.png", png)
							.file("b/1.png", png)
							.bytes(),
						400, "file: entry \"b/1.png\": is not in train/<class>/ or val/<class>/"),
				arguments("a truncated archive", "images.zip", Arrays.copyOf(truncated, 20_000), 400,
						"file: is not a readable zip archive (in or after entry \"circle/big.png\")"),
				arguments("many problems", "images.zip", manyBroken.bytes(), 400,
						"file: stopped reading after 10 problems"),
				arguments("a zip bomb", "images.zip",
						new ShapeImages.Zip().file("circle/bomb.png", new byte[3 * 1024 * 1024]).bytes(), 413,
						"file: entry \"circle/bomb.png\": expands the archive more than 100-fold"),
				arguments("a zip bomb in a folder entry", "images.zip",
						new ShapeImages.Zip().file("circle/", new byte[3 * 1024 * 1024]).bytes(), 413,
						"file: entry \"circle/\": expands the archive more than 100-fold"),
				arguments("too much uncompressed", "images.zip",
						new ShapeImages.Zip().file("circle/noise-1.png", noise)
							.file("circle/noise-2.png", noise)
							.file("circle/noise-3.png", noise)
							.bytes(),
						413, "file: entry \"circle/noise-3.png\": takes the archive past 2MB uncompressed"),
				arguments("too many entries", "images.zip", manyEntries.bytes(), 413,
						"file: entry \"d300/\": is one entry more than the 300 an archive may have"),
				arguments("an image of too many pixels", "images.zip",
						new ShapeImages.Zip().file("circle/huge.png", pngHeader(20_000, 20_000)).bytes(), 413,
						"file: entry \"circle/huge.png\": is 20000×20000 pixels, more than the 25,000,000"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badArchives")
	void refusesABadArchiveNamingTheEntryAndStoresNothing(String description, String filename, byte[] zip, int status,
			String problem) {
		List<String> before = this.api.datasetNames();

		Api.Response refused = upload(
				new Api.Multipart().field("name", "bad-zip").field("imageSize", "16x16").file("file", filename, zip));

		assertProblem(refused, status, "file", problem.substring("file: ".length()));
		assertThat(refused.body().path("detail").asString()).contains(problem);
		assertThat(this.api.datasetNames()).isEqualTo(before).doesNotContain("bad-zip");
		assertThat(this.api.get("/api/v1/datasets/bad-zip").status()).isEqualTo(404);
	}

	@Test
	void aCsvWithImageFieldsIsReadAsAZipAndRefused() {
		Api.Response refused = upload(new Api.Multipart().field("name", "csv-as-zip")
			.field("imageSize", "8x8")
			.file("file", "rows.csv", "a,label\n1,x\n"));

		assertProblem(refused, 400, "file", "is not a zip archive");
	}

	static Stream<Arguments> badImageFields() {
		return Stream.of(arguments(List.of(), "imageSize", "is required for a zip of images"),
				arguments(List.of("imageSize", "0x4"), "imageSize", "'0x4' is not an image size"),
				arguments(List.of("imageSize", "512x512"), "imageSize", "each side 1 to 256"),
				arguments(List.of("imageSize", "32x32", "width", "32"), "imageSize",
						"give either imageSize or width and height, not both"),
				arguments(List.of("width", "32"), "height", "is required with width"),
				arguments(List.of("imageSize", "32", "channels", "2"), "channels", "'2' is not a channel count"),
				arguments(List.of("imageSize", "32", "task", "regression"), "task",
						"'regression' is not possible for a zip of images"),
				arguments(List.of("imageSize", "32", "labelColumn", "label"), "labelColumn",
						"does not apply to a zip of images"),
				arguments(List.of("imageSize", "32", "imageShape", "3,32,32"), "imageShape",
						"does not apply to a zip of images"));
	}

	@Test
	void aZipWithoutAFileIsToldWhatItNeeds() {
		Api.Response refused = upload(new Api.Multipart().field("name", "no-file").field("imageSize", "32x32"));

		assertProblem(refused, 400, "file", "is required");
		assertThat(refused.body().path("errors")).as("nothing asked of a CSV").hasSize(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badImageFields")
	void refusesBadFieldsForAZip(List<String> fields, String field, String message) {
		Api.Multipart form = new Api.Multipart().field("name", "bad-fields");
		for (int i = 0; i < fields.size(); i += 2) {
			form.field(fields.get(i), fields.get(i + 1));
		}

		Api.Response refused = upload(form.file("file", "shapes.zip", ShapeImages.imageFolder(1, 2, 0)));

		assertProblem(refused, 400, field, message);
		assertThat(this.api.get("/api/v1/datasets/bad-fields").status()).isEqualTo(404);
	}

	@Test
	void quotasCountTheArchiveAndTheStoredPixels() {
		byte[] zip = ShapeImages.imageFolder(3, 5, 0);
		Api small = this.api.withKey(this.api.createKey("zip-size-" + System.nanoTime(), "user",
				",\"quotas\":{\"maxDatasetBytes\":%d}".formatted(zip.length - 1)));
		assertProblem(small.postMultipart("/api/v1/datasets",
				new Api.Multipart().field("name", "too-big-zip").field("imageSize", "32").file("file", "s.zip", zip)),
				413, "file", "maxDatasetBytes quota");

		// 15 images of 3 × 32 × 32 bytes are more than the zip, and than the quota
		Api tight = this.api.withKey(this.api.createKey("zip-storage-" + System.nanoTime(), "user",
				",\"quotas\":{\"maxStorageBytes\":%d}".formatted(zip.length * 2)));
		assertThat(15 * 3 * 32 * 32).isGreaterThan(zip.length * 2);
		Api.Response refused = tight.postMultipart("/api/v1/datasets",
				new Api.Multipart().field("name", "too-many-pixels")
					.field("imageSize", "32")
					.file("file", "s.zip", zip));
		assertProblem(refused, 429, "quota.maxStorageBytes", "maxStorageBytes");
		assertThat(this.api.get("/api/v1/datasets/too-many-pixels").status()).isEqualTo(404);
		Api.Response fits = tight.postMultipart("/api/v1/datasets",
				new Api.Multipart().field("name", "few-pixels").field("imageSize", "4").file("file", "s.zip", zip));
		assertThat(fits.status()).as(fits.body().toString()).isEqualTo(201);
		assertThat(fits.body().at("/statistics/sizeBytes").asLong()).as("the zip, more than its pixels")
			.isEqualTo(zip.length);
		assertThat(this.api.get("/api/v1/datasets/few-pixels").status()).as("the admin sees every upload")
			.isEqualTo(200);
		assertThat(small.get("/api/v1/datasets/few-pixels").status()).as("another user does not").isEqualTo(404);
	}

	private Api.Response upload(Api.Multipart form) {
		return this.api.postMultipart("/api/v1/datasets", form);
	}

	/**
	 * A problem with {@code status} and an error naming {@code field} that says
	 * {@code message}.
	 */
	private static void assertProblem(Api.Response response, int status, String field, String message) {
		assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body().path("errors").valueStream()).as(response.body().toString()).anySatisfy(error -> {
			assertThat(error.path("field").asString()).isEqualTo(field);
			assertThat(error.path("message").asString()).contains(message);
		});
	}

	private static List<String> labels(JsonNode predictions) {
		return predictions.path("predictions").valueStream().map(p -> p.path("label").asString()).toList();
	}

	private static List<Integer> ints(JsonNode array) {
		return array.valueStream().map(JsonNode::asInt).toList();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	/** A grey PNG of one value, stored as grey (one 8-bit channel). */
	private static byte[] grey(int value, int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		int[] samples = new int[width * height];
		Arrays.fill(samples, value);
		image.getRaster().setSamples(0, 0, width, height, 0, samples);
		return ShapeImages.encode(image, "png");
	}

	/**
	 * The start of a PNG that claims {@code width} × {@code height} pixels, enough for a
	 * decoder to read its size and nothing more.
	 */
	private static byte[] pngHeader(int width, int height) {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		byte[] header = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] { 8, 2, 0, 0, 0 }).array();
		chunk(png, "IHDR", header);
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typeBytes);
		png.writeBytes(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static List<String> entryNames(byte[] zip) throws IOException {
		List<String> names = new ArrayList<>();
		try (InputStream in = new ByteArrayInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				names.add(entry.getName());
			}
		}
		return names;
	}

}
