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
 * @param validationRows how many of the last rows are the uploader's own validation
 * images, which a job uses as they are instead of splitting the rows itself; {@code null}
 * when the job splits
 * @param standardisation how a job standardises the features
 */
public record LoadedDataset(DatasetInfo info, INDArray features, INDArray labels, Integer validationRows,
		Standardisation standardisation) {

	/** Rows a job splits itself, standardised feature by feature. */
	public LoadedDataset(DatasetInfo info, INDArray features, INDArray labels) {
		this(info, features, labels, null, Standardisation.PER_FEATURE);
	}

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

	/** How the features are standardised with statistics of the training rows. */
	public enum Standardisation {

		/** Each feature by its own mean and standard deviation. */
		PER_FEATURE,
		/**
		 * Each image channel by the mean and standard deviation of all its pixels: what
		 * image pipelines do (torchvision's {@code Normalize}), since a pixel's own
		 * statistics over a few hundred images are noise, and a corner that is almost
		 * always background would be blown up to unit variance.
		 */
		PER_CHANNEL

	}

}
