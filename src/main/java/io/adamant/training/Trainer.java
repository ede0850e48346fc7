package io.adamant.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Predicate;

import io.adamant.dataset.DatasetSplit;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.Datasets;
import io.adamant.dataset.LoadedDataset;
import io.adamant.job.JobSpec;
import io.adamant.metrics.EpochResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import org.springframework.stereotype.Component;

/**
 * Trains one job with DL4J: loads and splits its data, standardises the features with
 * statistics of the training rows only, fits epoch by epoch, and serialises the final
 * network with its updater state and normaliser. It touches no database; each finished
 * epoch goes to the {@code epochSink}, which may refuse it (the lease was lost).
 */
@Component
class Trainer {

	private final Datasets datasets;

	Trainer(Datasets datasets) {
		this.datasets = datasets;
	}

	TrainingOutcome train(JobSpec spec, RunControl control, Predicate<EpochResult> epochSink) {
		long seed = spec.training().seed();
		Nd4j.getRandom().setSeed(seed);
		LoadedDataset data = this.datasets.load(spec.dataset().name(), spec.dataset().samples(), seed);
		DatasetSplit split = DatasetSplit.of(data, spec.training().validationFraction(), seed);
		NormalizerStandardize normalizer = new NormalizerStandardize();
		normalizer.fit(split.train());
		normalizer.transform(split.train());
		if (split.validation() != null) {
			normalizer.transform(split.validation());
		}
		MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.configure(spec, data.info()));
		network.init();
		GradientNormListener gradientNorms = new GradientNormListener();
		network.setListeners(gradientNorms);
		boolean classification = data.info().task() == DatasetTask.CLASSIFICATION;
		Random shuffling = new Random(seed);
		for (int epoch = 1; epoch <= spec.training().epochs(); epoch++) {
			long started = System.nanoTime();
			double learningRate = network.getLearningRate(0);
			EpochLoop loop = fitEpoch(network, split.train(), spec.training().batchSize(), shuffling, control);
			if (loop.stopped() != null) {
				return new TrainingOutcome.Stopped(loop.stopped());
			}
			if (!Double.isFinite(loop.meanLoss())) {
				return new TrainingOutcome.Failed(
						"Training diverged: the loss became %s in epoch %d".formatted(loop.meanLoss(), epoch));
			}
			long trainNanos = System.nanoTime() - started;
			network.incrementEpochCount();
			Validation validation = validate(network, split.validation(), classification);
			GradientNormListener.GradientNormStats norms = gradientNorms.drain();
			EpochResult result = new EpochResult(epoch, loop.meanLoss(), validation.loss(), validation.accuracy(),
					validation.rmse(), learningRate, norms.mean(), norms.max(), loop.iterations(), loop.samples(),
					(System.nanoTime() - started) / 1_000_000, loop.samples() / (trainNanos / 1e9));
			if (!epochSink.test(result)) {
				return new TrainingOutcome.Stopped(RunControl.StopReason.LEASE_LOST);
			}
		}
		return new TrainingOutcome.Completed(spec.training().epochs(), serialise(network, normalizer));
	}

	private static EpochLoop fitEpoch(MultiLayerNetwork network, DataSet train, int batchSize, Random shuffling,
			RunControl control) {
		int rows = train.numExamples();
		int[] order = permutation(rows, shuffling);
		// one gather per epoch; the batches below are views into it
		INDArray features = train.getFeatures().getRows(order);
		INDArray labels = train.getLabels().getRows(order);
		double lossSum = 0;
		int iterations = 0;
		for (int start = 0; start < rows; start += batchSize) {
			if (control.stopReason() != null) {
				return new EpochLoop(Double.NaN, iterations, start, control.stopReason());
			}
			int end = Math.min(rows, start + batchSize);
			network.fit(features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()),
					labels.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()));
			lossSum += network.score() * (end - start);
			iterations++;
		}
		return new EpochLoop(lossSum / rows, iterations, rows, null);
	}

	private static Validation validate(MultiLayerNetwork network, DataSet validation, boolean classification) {
		if (validation == null) {
			return new Validation(null, null, null);
		}
		double loss = network.score(validation, false);
		INDArray predictions = network.output(validation.getFeatures(), false);
		if (classification) {
			INDArray predicted = predictions.argMax(1);
			INDArray actual = validation.getLabels().argMax(1);
			double correct = predicted.eq(actual)
				.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
				.sumNumber()
				.doubleValue();
			return new Validation(loss, correct / validation.numExamples(), null);
		}
		double mse = predictions.squaredDistance(validation.getLabels()) / predictions.length();
		return new Validation(loss, null, Math.sqrt(mse));
	}

	private static int[] permutation(int rows, Random random) {
		int[] order = new int[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		for (int i = rows - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

	private static Path serialise(MultiLayerNetwork network, NormalizerStandardize normalizer) {
		Path file = null;
		try {
			file = Files.createTempFile("adamant-checkpoint-", ".zip");
			CheckpointWriter.write(network, normalizer, file);
			return file;
		}
		catch (IOException ex) {
			deleteQuietly(file);
			throw new UncheckedIOException("Could not serialise the network", ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			if (file != null) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// a leftover temporary file is harmless
		}
	}

	private record EpochLoop(double meanLoss, int iterations, int samples, RunControl.StopReason stopped) {
	}

	private record Validation(Double loss, Double accuracy, Double rmse) {
	}

}
