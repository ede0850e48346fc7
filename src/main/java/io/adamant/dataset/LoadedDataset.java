package io.adamant.dataset;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset in memory, ready to train on: float32 features {@code [rows, features]} and
 * labels {@code [rows, outputs]} (one-hot for classification).
 *
 * @param info what the dataset is
 * @param features the inputs
 * @param labels the targets
 */
public record LoadedDataset(DatasetInfo info, INDArray features, INDArray labels) {

	/**
	 * A dataset from row-major float arrays: {@code rows} rows of features and of labels.
	 */
	static LoadedDataset of(DatasetInfo info, int rows, float[] features, float[] labels) {
		return new LoadedDataset(info,
				Nd4j.create(features, new long[] { rows, features.length / Math.max(1, rows) }, DataType.FLOAT),
				Nd4j.create(labels, new long[] { rows, labels.length / Math.max(1, rows) }, DataType.FLOAT));
	}

	public int rows() {
		return (int) this.features.size(0);
	}

}
