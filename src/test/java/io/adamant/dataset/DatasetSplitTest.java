package io.adamant.dataset;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetSplitTest {

	private final IrisDataset iris = new IrisDataset();

	private final SyntheticRegressionDataset synthetic = new SyntheticRegressionDataset();

	@Test
	void irisIsTheRealDataSet() {
		LoadedDataset data = this.iris.load(0, 0, 0);

		assertThat(data.rows()).isEqualTo(150);
		assertThat(data.features().columns()).isEqualTo(4);
		assertThat(data.labels().sum(0).toDoubleVector()).containsExactly(50, 50, 50);
		assertThat(data.features().getRow(0).toFloatVector()).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
		assertThat(data.features().mean(0).toDoubleVector()[2]).isCloseTo(3.758,
				org.assertj.core.api.Assertions.within(1e-3));
	}

	@Test
	void stratifiesClassificationSplitsAndRepeatsThemForASeed() {
		LoadedDataset data = this.iris.load(0, 0, 0);

		DatasetSplit split = DatasetSplit.of(data, 0.2, 99);

		assertThat(split.train().numExamples()).isEqualTo(120);
		assertThat(split.validation().numExamples()).isEqualTo(30);
		assertThat(split.validation().getLabels().sum(0).toDoubleVector()).containsExactly(10, 10, 10);
		assertThat(rows(DatasetSplit.of(data, 0.2, 99).validation().getFeatures()))
			.isEqualTo(rows(split.validation().getFeatures()));
		assertThat(rows(DatasetSplit.of(data, 0.2, 100).validation().getFeatures()))
			.isNotEqualTo(rows(split.validation().getFeatures()));
	}

	@Test
	void withoutValidationEveryRowTrains() {
		DatasetSplit split = DatasetSplit.of(this.iris.load(0, 0, 0), 0.0, 1);

		assertThat(split.validation()).isNull();
		assertThat(split.train().numExamples()).isEqualTo(150);
	}

	@Test
	void syntheticRegressionIsDeterministicPerSeed() {
		LoadedDataset first = this.synthetic.load(64, 0, 5);
		LoadedDataset again = this.synthetic.load(64, 0, 5);
		LoadedDataset other = this.synthetic.load(64, 0, 6);

		assertThat(first.features().shape()).containsExactly(64, 20);
		assertThat(first.labels().shape()).containsExactly(64, 10);
		assertThat(again.features()).isEqualTo(first.features());
		assertThat(again.labels()).isEqualTo(first.labels());
		assertThat(other.features()).isNotEqualTo(first.features());
		assertThat(first.labels().stdNumber().doubleValue()).isGreaterThan(0.1);
	}

	private static List<List<Float>> rows(INDArray matrix) {
		return java.util.stream.IntStream.range(0, matrix.rows()).mapToObj(r -> {
			float[] row = matrix.getRow(r).toFloatVector();
			List<Float> values = new java.util.ArrayList<>();
			for (float v : row) {
				values.add(v);
			}
			return values;
		}).toList();
	}

}
