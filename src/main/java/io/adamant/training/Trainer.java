package io.adamant.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import io.adamant.dataset.DatasetSplit;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.Datasets;
import io.adamant.dataset.LoadedDataset;
import io.adamant.checkpoint.CheckpointKind;
import io.adamant.job.CheckpointSpec;
import io.adamant.job.DivergenceSpec;
import io.adamant.job.EarlyStoppingSpec;
import io.adamant.job.JobSpec;
import io.adamant.metrics.EpochResult;
import io.adamant.metrics.JobEvent;
import io.adamant.metrics.JobEventType;
import io.adamant.metrics.LayerMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

import org.springframework.stereotype.Component;

/**
 * Trains one job with DL4J: loads and splits its data, standardises the features with
 * statistics of the training rows only (per feature, or per channel for uploaded images),
 * fits epoch by epoch under a {@link TrainingMonitor}, applies the divergence policy, and
 * serialises the final (or last good) network with its updater state and normaliser. It
 * touches no database; it reports through {@link TrainingCallbacks}.
 */
@Component
class Trainer {

	/** Skipped steps recorded as events per run; the rest are only counted. */
	private static final int SKIP_EVENTS = 20;

	private final Datasets datasets;

	private final long shufflePrefetchLimitBytes;

	Trainer(Datasets datasets, WorkerProperties workers) {
		this.datasets = datasets;
		this.shufflePrefetchLimitBytes = workers.shufflePrefetchLimit().toBytes();
	}

	TrainingOutcome train(JobSpec spec, RunControl control, TrainingCallbacks callbacks) {
		return train(spec, control, callbacks, null);
	}

	/**
	 * @param resume where to pick up, for a job taken over from a dead worker;
	 * {@code null} to start from scratch
	 */
	TrainingOutcome train(JobSpec spec, RunControl control, TrainingCallbacks callbacks,
			TrainingCallbacks.Resume resume) {
		long seed = spec.training().seed();
		Nd4j.getRandom().setSeed(seed);
		LoadedDataset data = this.datasets.load(spec.dataset().name(), spec.dataset().samples(),
				spec.dataset().sequenceLength(), seed);
		NetworkInput input = new NetworkInput(data.info());
		DatasetSplit split = DatasetSplit.of(data, spec.training().validationFraction(), seed);
		Restored restored = resume == null ? null : restore(resume);
		NormalizerStandardize normalizer = (restored == null) ? Standardisers.fit(data, split.train())
				: restored.normalizer();
		normalizer.transform(split.train());
		if (split.validation() != null) {
			normalizer.transform(split.validation());
		}
		int iterationsPerEpoch = (split.train().numExamples() + spec.training().batchSize() - 1)
				/ spec.training().batchSize();
		MultiLayerNetwork network;
		if (restored != null && !resume.weightsOnly()) {
			network = restored.network();
		}
		else {
			network = new MultiLayerNetwork(NetworkFactory.configure(spec, data.info(), iterationsPerEpoch));
			network.init();
			if (restored != null) {
				// another job's weights under this job's optimizer, clipping and schedule
				network.setParams(restored.network().params());
			}
		}
		LayerHelpers.install(network);
		ReusingLayers.install(network);
		installUpdaterPaths(network);
		TrainingMonitor monitor = new TrainingMonitor(network, spec.clipping(), spec.divergence(),
				spec.telemetry().perLayer());
		network.setListeners(monitor);
		try (EpochShuffle shuffle = new EpochShuffle(split.train(), spec.training().batchSize(), input,
				new Random(seed), this.shufflePrefetchLimitBytes)) {
			Run run = new Run(spec, network, monitor, normalizer, split, input, control, callbacks,
					NetworkFactory.schedule(spec, iterationsPerEpoch), data.info().task() == DatasetTask.CLASSIFICATION,
					shuffle);
			return run.execute(resume);
		}
	}

	/**
	 * One training run's state: the network, its last good snapshot and the policy's
	 * counters.
	 */
	private static final class Run {

		private final JobSpec spec;

		private final MultiLayerNetwork network;

		private final TrainingMonitor monitor;

		private final NormalizerStandardize normalizer;

		private final DatasetSplit split;

		private final NetworkInput input;

		private final RunControl control;

		private final TrainingCallbacks callbacks;

		private final boolean classification;

		private final EpochShuffle shuffle;

		private final DivergenceSpec divergence;

		private LearningRateSchedule schedule;

		private Snapshot lastGood;

		private int rollbacks;

		private int skipEvents;

		private Snapshot best;

		private double bestLoss = Double.POSITIVE_INFINITY;

		private double bestCheckpointLoss = Double.POSITIVE_INFINITY;

		Run(JobSpec spec, MultiLayerNetwork network, TrainingMonitor monitor, NormalizerStandardize normalizer,
				DatasetSplit split, NetworkInput input, RunControl control, TrainingCallbacks callbacks,
				LearningRateSchedule schedule, boolean classification, EpochShuffle shuffle) {
			this.spec = spec;
			this.network = network;
			this.monitor = monitor;
			this.normalizer = normalizer;
			this.split = split;
			this.input = input;
			this.control = control;
			this.callbacks = callbacks;
			this.schedule = schedule;
			this.classification = classification;
			this.shuffle = shuffle;
			this.divergence = spec.divergence();
		}

		TrainingOutcome execute(TrainingCallbacks.Resume resume) {
			int epoch = 1;
			int firstBatch = resume == null || resume.weightsOnly() ? 0 : resume.batch();
			if (resume != null && !resume.weightsOnly()) {
				epoch = resume.epoch() + 1;
				this.network.setEpochCount(resume.epoch());
				if (resume.bestValidationLoss() != null) {
					this.bestCheckpointLoss = resume.bestValidationLoss();
				}
				restoreRandomState(resume);
				// replay the shuffles of the epochs already done, so the run goes on as
				// it would have
				this.shuffle.skip(resume.epoch());
			}
			this.lastGood = Snapshot.of(this.network, epoch - 1);
			while (epoch <= this.spec.training().epochs()) {
				this.monitor.startEpoch(epoch);
				long started = System.nanoTime();
				EpochLoop loop = fitEpoch(epoch, firstBatch);
				firstBatch = 0;
				if (loop.stopped() == RunControl.StopReason.SHUTDOWN) {
					// the state between two iterations is consistent: keep it so the job
					// resumes here
					return new TrainingOutcome.Interrupted(serialise(this.network, this.normalizer), epoch - 1,
							loop.nextBatch());
				}
				if (loop.stopped() != null) {
					return new TrainingOutcome.Stopped(loop.stopped());
				}
				if (loop.anomaly() != null) {
					if (!rollBack(loop.anomaly())) {
						return diverged(loop.anomaly(),
								this.rollbacks == 0 ? loop.anomaly().describe() : "%s; gave up after %d rollback(s)"
									.formatted(loop.anomaly().describe(), this.rollbacks));
					}
					epoch = this.lastGood.epoch() + 1;
					continue;
				}
				if (loop.iterations() == 0) {
					return diverged(loop.lastSkipped(), "every step of epoch %d was skipped; last: %s".formatted(epoch,
							loop.lastSkipped().describe()));
				}
				long trainNanos = System.nanoTime() - started;
				Validation validation = validate();
				if (!validation.isFinite()) {
					Anomaly anomaly = this.monitor.anomaly(Anomaly.Kind.NON_FINITE_VALIDATION, validation.loss());
					if (this.divergence.policy() == DivergenceSpec.Policy.SKIP_STEP || !rollBack(anomaly)) {
						return diverged(anomaly, anomaly.describe());
					}
					epoch = this.lastGood.epoch() + 1;
					continue;
				}
				this.network.incrementEpochCount();
				EpochResult result = result(epoch, loop, validation, trainNanos, started);
				if (!persist(epoch, result)) {
					return new TrainingOutcome.Stopped(RunControl.StopReason.LEASE_LOST);
				}
				this.lastGood.capture(this.network, epoch);
				if (shouldStopEarly(epoch, validation.loss())) {
					return stopEarly(epoch);
				}
				epoch++;
			}
			return new TrainingOutcome.Completed(this.spec.training().epochs(),
					serialise(this.network, this.normalizer));
		}

		/** Hands the epoch over with the checkpoints the policy asks for at its end. */
		private boolean persist(int epoch, EpochResult result) {
			CheckpointSpec policy = this.spec.training().checkpoints();
			List<TrainingCallbacks.EpochCheckpoint> checkpoints = new java.util.ArrayList<>();
			Path file = null;
			boolean periodic = policy.everyEpochs() > 0 && epoch % policy.everyEpochs() == 0;
			boolean best = policy.keepBest() && result.validationLoss() != null
					&& result.validationLoss() < this.bestCheckpointLoss;
			if (periodic || best) {
				file = serialise(this.network, this.normalizer);
			}
			if (periodic) {
				checkpoints.add(new TrainingCallbacks.EpochCheckpoint(CheckpointKind.PERIODIC, file));
			}
			if (best) {
				this.bestCheckpointLoss = result.validationLoss();
				checkpoints.add(new TrainingCallbacks.EpochCheckpoint(CheckpointKind.BEST, file));
			}
			try {
				return this.callbacks.epochFinished(result, checkpoints);
			}
			finally {
				deleteQuietly(file);
			}
		}

		/**
		 * Tracks the best validation loss; true once it has not improved for the
		 * patience.
		 */
		private boolean shouldStopEarly(int epoch, Double validationLoss) {
			EarlyStoppingSpec earlyStopping = this.spec.training().earlyStopping();
			if (earlyStopping == null || validationLoss == null) {
				return false;
			}
			if (validationLoss < this.bestLoss - earlyStopping.minDelta()) {
				this.bestLoss = validationLoss;
				if (this.best == null) {
					this.best = Snapshot.of(this.network, epoch);
				}
				else {
					this.best.capture(this.network, epoch);
				}
				return false;
			}
			return epoch - this.best.epoch() >= earlyStopping.patience();
		}

		/** Ends training with the best epoch's network as the final one. */
		private TrainingOutcome stopEarly(int epoch) {
			EarlyStoppingSpec earlyStopping = this.spec.training().earlyStopping();
			this.best.restore(this.network);
			this.callbacks
				.event(new JobEvent(JobEventType.EARLY_STOPPED, epoch, this.monitor.attempts(), "no-improvement",
						"validation loss has not improved by more than %s for %d epoch(s); keeping epoch %d (loss %.6g)"
							.formatted(earlyStopping.minDelta(), earlyStopping.patience(), this.best.epoch(),
									this.bestLoss),
						this.bestLoss, currentLearningRate(), null));
			return new TrainingOutcome.Completed(this.best.epoch(), serialise(this.network, this.normalizer));
		}

		private Validation validate() {
			DataSet validation = this.split.validation();
			if (validation == null) {
				return new Validation(null, null, null);
			}
			DataSet shaped = new DataSet(this.input.features(validation.getFeatures()),
					this.input.labels(validation.getLabels()));
			double loss = this.network.score(shaped, false);
			INDArray predictions = this.input.predictionRows(this.network.output(shaped.getFeatures(), false));
			INDArray labels = this.input.predictionRows(shaped.getLabels());
			if (this.classification) {
				double correct = predictions.argMax(1)
					.eq(labels.argMax(1))
					.castTo(DataType.FLOAT)
					.sumNumber()
					.doubleValue();
				return new Validation(loss, correct / predictions.size(0), null);
			}
			double mse = predictions.squaredDistance(labels) / predictions.length();
			return new Validation(loss, null, Math.sqrt(mse));
		}

		private EpochLoop fitEpoch(int epoch, int firstBatch) {
			DataSet train = this.split.train();
			int rows = train.numExamples();
			int batchSize = this.spec.training().batchSize();
			List<INDArray[]> batches = this.shuffle.next(epoch < this.spec.training().epochs());
			EpochLoop loop = new EpochLoop();
			this.control.progress().startEpoch(firstBatch, (rows + batchSize - 1) / batchSize);
			for (int start = firstBatch * batchSize; start < rows; start += batchSize) {
				if (this.control.stopReason() != null) {
					return loop.stop(this.control.stopReason(), start / batchSize);
				}
				int end = Math.min(rows, start + batchSize);
				try {
					INDArray[] batch = batches.get(start / batchSize);
					this.network.fit(batch[0], batch[1]);
					loop.accept(this.network.score(), end - start);
					this.control.progress().iterationDone(end - start, this.monitor.lastGradientNorm());
				}
				catch (Anomaly.Rejected rejected) {
					Anomaly anomaly = rejected.anomaly();
					if (anomaly.kind() == Anomaly.Kind.NON_FINITE_LOSS
							|| anomaly.kind() == Anomaly.Kind.NON_FINITE_GRADIENT) {
						this.monitor.countNonFinite();
					}
					if (this.divergence.policy() != DivergenceSpec.Policy.SKIP_STEP) {
						return loop.reject(anomaly);
					}
					loop.skip(anomaly);
					recordSkip(anomaly);
				}
			}
			return loop;
		}

		/**
		 * Restores the last good state with a lower learning rate, if the policy allows
		 * another try.
		 */
		private boolean rollBack(Anomaly anomaly) {
			if (this.divergence.policy() != DivergenceSpec.Policy.ROLLBACK
					|| this.rollbacks >= this.divergence.maxRollbacks()) {
				return false;
			}
			this.rollbacks++;
			this.lastGood.restore(this.network);
			if (this.schedule != null) {
				this.schedule = this.schedule.scaled(this.divergence.learningRateFactor());
				this.network.setLearningRate(this.schedule);
				// DL4J made its updater anew
				installUpdaterPaths(this.network);
			}
			this.callbacks
				.event(new JobEvent(JobEventType.ROLLBACK, anomaly.epoch(), anomaly.iteration(), anomaly.kind().code(),
						"%s; rollback %d of %d to the end of epoch %d".formatted(anomaly.describe(), this.rollbacks,
								this.divergence.maxRollbacks(), this.lastGood.epoch()),
						anomaly.value(), currentLearningRate(), null));
			return true;
		}

		private TrainingOutcome diverged(Anomaly anomaly, String summary) {
			this.lastGood.restore(this.network);
			Path checkpoint = null;
			if (CheckpointWriter.isFinite(this.network)) {
				checkpoint = serialise(this.network, this.normalizer);
			}
			return new TrainingOutcome.Diverged(anomaly, summary, this.lastGood.epoch(), checkpoint);
		}

		private void recordSkip(Anomaly anomaly) {
			if (this.skipEvents++ < SKIP_EVENTS) {
				this.callbacks.event(new JobEvent(JobEventType.STEP_SKIPPED, anomaly.epoch(), anomaly.iteration(),
						anomaly.kind().code(), anomaly.describe(), anomaly.value(), currentLearningRate(), null));
			}
		}

		private Double currentLearningRate() {
			return this.schedule == null ? null
					: this.schedule.valueAt(this.network.getIterationCount(), this.network.getEpochCount());
		}

		private EpochResult result(int epoch, EpochLoop loop, Validation validation, long trainNanos, long started) {
			EpochTelemetry telemetry = this.monitor.epoch();
			double[] parameterNorms = this.monitor.parameterNorms();
			boolean perLayer = this.spec.telemetry().perLayer();
			List<LayerMetrics> layers = this.monitor.layers()
				.stream()
				.map(layer -> new LayerMetrics(layer.index(), layer.name(), layer.parameters(),
						perLayer ? telemetry.layerGradientMean(layer.position()) : null,
						perLayer ? telemetry.layerGradientMax(layer.position()) : null,
						parameterNorms[layer.position()], telemetry.layerUpdateRatioLog10(layer.position())))
				.toList();
			return new EpochResult(epoch, loop.meanLoss(), validation.loss(), validation.accuracy(), validation.rmse(),
					telemetry.learningRate(), telemetry.preClipMean(), telemetry.preClipMax(), telemetry.postClipMean(),
					telemetry.postClipMax(), telemetry.clippedFraction(), telemetry.nonFinite(), loop.skipped(),
					parameterNorms[parameterNorms.length - 1], telemetry.updateRatioLog10(), loop.iterations(),
					loop.samples(), (System.nanoTime() - started) / 1_000_000, loop.samples() / (trainNanos / 1e9),
					layers);
		}

	}

	/** Adamant's updater blocks and Adam, in place of DL4J's. */
	private static void installUpdaterPaths(MultiLayerNetwork network) {
		LeanUpdaterBlock.install(network);
		DirectAdam.install(network);
	}

	private static Restored restore(TrainingCallbacks.Resume resume) {
		try {
			org.nd4j.common.primitives.Pair<MultiLayerNetwork, org.nd4j.linalg.dataset.api.preprocessor.Normalizer> pair = org.deeplearning4j.util.ModelSerializer
				.restoreMultiLayerNetworkAndNormalizer(resume.checkpoint().toFile(), true);
			return new Restored(pair.getFirst(), (NormalizerStandardize) pair.getSecond());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not restore the checkpoint to resume from", ex);
		}
	}

	private static void restoreRandomState(TrainingCallbacks.Resume resume) {
		try {
			CheckpointWriter.restoreRandomState(resume.checkpoint());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the checkpoint's random state", ex);
		}
	}

	private record Restored(MultiLayerNetwork network, NormalizerStandardize normalizer) {
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

	/** What one pass over the training rows did. */
	private static final class EpochLoop {

		private double lossSum;

		private int iterations;

		private int samples;

		private int skipped;

		private Anomaly anomaly;

		private Anomaly lastSkipped;

		private RunControl.StopReason stopped;

		private int nextBatch;

		void accept(double loss, int rows) {
			this.lossSum += loss * rows;
			this.iterations++;
			this.samples += rows;
		}

		void skip(Anomaly skippedAnomaly) {
			this.skipped++;
			this.lastSkipped = skippedAnomaly;
		}

		EpochLoop reject(Anomaly rejected) {
			this.anomaly = rejected;
			return this;
		}

		EpochLoop stop(RunControl.StopReason reason, int batch) {
			this.stopped = reason;
			this.nextBatch = batch;
			return this;
		}

		/** Where a stopped pass would go on: its next batch. */
		int nextBatch() {
			return this.nextBatch;
		}

		double meanLoss() {
			return this.samples == 0 ? Double.NaN : this.lossSum / this.samples;
		}

		int iterations() {
			return this.iterations;
		}

		int samples() {
			return this.samples;
		}

		int skipped() {
			return this.skipped;
		}

		Anomaly anomaly() {
			return this.anomaly;
		}

		Anomaly lastSkipped() {
			return this.lastSkipped;
		}

		RunControl.StopReason stopped() {
			return this.stopped;
		}

	}

	private record Validation(Double loss, Double accuracy, Double rmse) {

		boolean isFinite() {
			return (this.loss == null || Double.isFinite(this.loss))
					&& (this.rmse == null || Double.isFinite(this.rmse));
		}

	}

}
