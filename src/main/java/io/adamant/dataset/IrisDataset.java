package io.adamant.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.factory.Nd4j;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Fisher's iris data, shipped in {@code datasets/iris} with its source and licence. */
@Component
class IrisDataset implements BuiltInDataset {

	private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

	private static final DatasetInfo INFO = DatasetInfo.tabular("iris", DatasetTask.CLASSIFICATION, 4, 3, 150, false,
			CLASSES, "Fisher's iris flowers: sepal and petal length and width (cm) of 150 plants, 3 species.",
			"R. A. Fisher (1936), UCI Machine Learning Repository (doi:10.24432/C56C76), CC BY 4.0; "
					+ "copy from scikit-learn 1.2.1 (Debian python3-sklearn)");

	private final float[][] features;

	private final float[][] labels;

	IrisDataset() {
		List<float[]> rows = new ArrayList<>();
		List<float[]> targets = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("datasets/iris/iris.csv").getInputStream(), StandardCharsets.UTF_8))) {
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String[] cells = line.split(",");
				float[] row = new float[4];
				for (int i = 0; i < 4; i++) {
					row[i] = Float.parseFloat(cells[i]);
				}
				float[] target = new float[CLASSES.size()];
				target[CLASSES.indexOf(cells[4])] = 1f;
				rows.add(row);
				targets.add(target);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The iris data is missing from the classpath", ex);
		}
		this.features = rows.toArray(float[][]::new);
		this.labels = targets.toArray(float[][]::new);
	}

	@Override
	public DatasetInfo info() {
		return INFO;
	}

	@Override
	public LoadedDataset load(int samples, int sequenceLength, long seed) {
		return new LoadedDataset(INFO, Nd4j.create(this.features), Nd4j.create(this.labels));
	}

}
