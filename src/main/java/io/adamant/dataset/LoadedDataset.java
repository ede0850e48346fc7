package io.adamant.dataset;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dataset in memory, ready to train on: float32 features {@code [rows, features]} and
 * labels {@code [rows, outputs]} (one-hot for classification).
 *
 * @param info what the dataset is
 * @param features the inputs
 * @param labels the targets
 */
public record LoadedDataset(DatasetInfo info, INDArray features, INDArray labels) {

	public int rows() {
		return (int) this.features.size(0);
	}

}
