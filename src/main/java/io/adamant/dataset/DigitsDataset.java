package io.adamant.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The UCI optical digits: 1,797 images of 1×8×8 pixels (intensities 0–16), shipped in
 * {@code datasets/digits} with their source and licence. An image dataset, so both an MLP
 * (flat) and a CNN can train on it.
 */
@Component
class DigitsDataset implements BuiltInDataset {

	private static final int PIXELS = 64;

	private static final int ROWS = 1797;

	private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

	private static final DatasetInfo INFO = new DatasetInfo("digits", DatasetTask.CLASSIFICATION, InputKind.IMAGE,
			List.of(1, 8, 8), PIXELS, 10, false, ROWS, false, CLASSES,
			"Handwritten digits 0-9 as 8x8 images of intensities 0-16 (1,797 images).",
			"E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository (doi:10.24432/C50P49), CC BY 4.0; "
					+ "copy from scikit-learn 1.2.1 (Debian python3-sklearn)");

	private final float[] features = new float[ROWS * PIXELS];

	private final float[] labels = new float[ROWS * 10];

	DigitsDataset() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(new ClassPathResource("datasets/digits/digits.csv.gz").getInputStream()),
				StandardCharsets.UTF_8))) {
			int row = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine(), row++) {
				String[] cells = line.split(",");
				for (int i = 0; i < PIXELS; i++) {
					this.features[row * PIXELS + i] = Float.parseFloat(cells[i]);
				}
				this.labels[row * 10 + (int) Float.parseFloat(cells[PIXELS])] = 1f;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The digits data is missing from the classpath", ex);
		}
	}

	@Override
	public DatasetInfo info() {
		return INFO;
	}

	@Override
	public LoadedDataset load(int samples, int sequenceLength, long seed) {
		return LoadedDataset.of(INFO, ROWS, this.features, this.labels);
	}

}
