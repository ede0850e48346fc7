package io.adamant.training;

import java.util.Arrays;
import java.util.List;

import io.adamant.dataset.LoadedDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits the normaliser a job trains with and saves in its checkpoints, on its training
 * rows only, as the dataset asks: feature by feature, or image channel by channel.
 */
final class Standardisers {

	private Standardisers() {
	}

	static NormalizerStandardize fit(LoadedDataset data, DataSet train) {
		if (data.standardisation() == LoadedDataset.Standardisation.PER_CHANNEL) {
			return perChannel(train.getFeatures(), data.info().shape());
		}
		NormalizerStandardize normalizer = new NormalizerStandardize();
		normalizer.fit(train);
		return normalizer;
	}

	/**
	 * Each channel's mean and standard deviation over all its pixels, repeated for every
	 * pixel of the channel: a {@link NormalizerStandardize} like any other, so that
	 * checkpoints, predictions and continued training use it unchanged.
	 * @param shape [channels, height, width]
	 */
	private static NormalizerStandardize perChannel(INDArray features, List<Integer> shape) {
		int channels = shape.get(0);
		int area = shape.get(1) * shape.get(2);
		INDArray byChannel = features.reshape('c', features.size(0), channels, area);
		double[] means = byChannel.mean(0, 2).toDoubleVector();
		double[] deviations = byChannel.std(false, 0, 2).toDoubleVector();
		float[] mean = new float[channels * area];
		float[] deviation = new float[channels * area];
		for (int channel = 0; channel < channels; channel++) {
			Arrays.fill(mean, channel * area, (channel + 1) * area, (float) means[channel]);
			Arrays.fill(deviation, channel * area, (channel + 1) * area, (float) deviations[channel]);
		}
		long[] row = { 1, (long) channels * area };
		return new NormalizerStandardize(Nd4j.create(mean, row, DataType.FLOAT),
				Nd4j.create(deviation, row, DataType.FLOAT));
	}

}
