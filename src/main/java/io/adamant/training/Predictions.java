package io.adamant.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;
import io.adamant.checkpoint.CheckpointKind;
import io.adamant.checkpoint.CheckpointView;
import io.adamant.checkpoint.Checkpoints;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.Datasets;
import io.adamant.dataset.ImageFile;
import io.adamant.dataset.ImageInputs;
import io.adamant.job.JobSpec;
import io.adamant.job.JobView;
import io.adamant.job.Jobs;
import io.adamant.security.Caller;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.factory.Nd4j;

import org.springframework.stereotype.Service;

/**
 * Predicts with a job's stored network and the normaliser saved with it, on rows of
 * features or on images. Restored networks are kept in a small cache by checkpoint, since
 * restoring costs far more than predicting.
 */
@Service
class Predictions {

	private static final int CACHED_NETWORKS = 8;

	private final Jobs jobs;

	private final Checkpoints checkpoints;

	private final Datasets datasets;

	private final ImageInputs imageInputs;

	private final Map<UUID, Restored> cache = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, Restored> eldest) {
			return size() > CACHED_NETWORKS;
		}
	};

	Predictions(Jobs jobs, Checkpoints checkpoints, Datasets datasets, ImageInputs imageInputs) {
		this.jobs = jobs;
		this.checkpoints = checkpoints;
		this.datasets = datasets;
		this.imageInputs = imageInputs;
	}

	/**
	 * Predicts on rows of features.
	 * @param checkpointId a checkpoint of the job to use; its final one if {@code null}
	 */
	PredictionView predict(Caller caller, UUID jobId, UUID checkpointId, List<List<Double>> rows) {
		return predict(caller, jobId, checkpointId, dataset -> features(rows, dataset.features()));
	}

	/**
	 * Predicts on image files, made into rows as the job's dataset was.
	 * @param checkpointId a checkpoint of the job to use; its final one if {@code null}
	 * @param field the request's field of the images, for problems about them all
	 */
	PredictionView predictImages(Caller caller, UUID jobId, UUID checkpointId, List<ImageFile> images, String field) {
		return predict(caller, jobId, checkpointId, dataset -> images(images, field, dataset));
	}

	private PredictionView predict(Caller caller, UUID jobId, UUID checkpointId,
			Function<DatasetInfo, INDArray> inputs) {
		JobView job = this.jobs.get(caller, jobId);
		CheckpointView checkpoint = checkpoint(job, checkpointId);
		JobSpec spec = job.spec();
		DatasetInfo dataset = this.datasets.describe(spec.dataset().name(), spec.dataset().sequenceLength())
			.orElseThrow(() -> InvalidRequestException.forField("dataset",
					"the job's dataset '%s' no longer exists".formatted(spec.dataset().name())));
		INDArray features = inputs.apply(dataset);
		Restored restored = restore(jobId, checkpoint);
		NetworkInput input = new NetworkInput(dataset);
		INDArray output;
		synchronized (restored.network()) {
			restored.normalizer().transform(features);
			output = restored.network().output(input.features(features), false);
		}
		return new PredictionView(jobId, checkpoint.id(), checkpoint.epoch(), predictions(output, dataset));
	}

	private CheckpointView checkpoint(JobView job, UUID checkpointId) {
		List<CheckpointView> stored = this.checkpoints.list(job.id());
		if (checkpointId != null) {
			return stored.stream()
				.filter(c -> c.id().equals(checkpointId))
				.findFirst()
				.orElseThrow(() -> InvalidRequestException.forField("checkpoint",
						"job %s has no checkpoint %s".formatted(job.id(), checkpointId)));
		}
		return stored.stream()
			.filter(c -> c.kind() == CheckpointKind.FINAL)
			.reduce((first, last) -> last)
			.orElseThrow(() -> NoCheckpointException.forJob(job.id(), job.status().name()));
	}

	private static INDArray features(List<List<Double>> rows, int width) {
		List<FieldProblem> problems = new ArrayList<>();
		float[] data = new float[rows.size() * width];
		for (int r = 0; r < rows.size(); r++) {
			List<Double> row = rows.get(r);
			if (row.size() != width) {
				problems.add(new FieldProblem("features[%d]".formatted(r),
						"expected %d values, got %d".formatted(width, row.size())));
				continue;
			}
			for (int c = 0; c < width; c++) {
				data[r * width + c] = row.get(c).floatValue();
			}
		}
		if (!problems.isEmpty()) {
			throw InvalidRequestException.forFields(problems.subList(0, Math.min(problems.size(), 20)));
		}
		return Nd4j.create(data, new long[] { rows.size(), width }, DataType.FLOAT);
	}

	private INDArray images(List<ImageFile> images, String field, DatasetInfo dataset) {
		float[] rows = this.imageInputs.rows(dataset, images, field);
		return Nd4j.create(rows, new long[] { images.size(), dataset.features() }, DataType.FLOAT);
	}

	private static List<PredictionView.Prediction> predictions(INDArray output, DatasetInfo dataset) {
		List<PredictionView.Prediction> predictions = new ArrayList<>();
		for (int r = 0; r < output.size(0); r++) {
			if (output.rank() == 3) {
				List<PredictionView.Prediction> steps = new ArrayList<>();
				for (int t = 0; t < output.size(2); t++) {
					steps.add(prediction(output.get(org.nd4j.linalg.indexing.NDArrayIndex.point(r),
							org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t))
						.toDoubleVector(), dataset));
				}
				predictions.add(new PredictionView.Prediction(null, null, null, null, steps));
			}
			else {
				predictions.add(prediction(output.getRow(r).toDoubleVector(), dataset));
			}
		}
		return predictions;
	}

	private static PredictionView.Prediction prediction(double[] values, DatasetInfo dataset) {
		if (dataset.task() == DatasetTask.REGRESSION) {
			return new PredictionView.Prediction(null, null, null, java.util.Arrays.stream(values).boxed().toList(),
					null);
		}
		Map<String, Double> probabilities = new LinkedHashMap<>();
		int best = 0;
		for (int c = 0; c < values.length; c++) {
			probabilities.put(dataset.classes().get(c), values[c]);
			if (values[c] > values[best]) {
				best = c;
			}
		}
		return new PredictionView.Prediction(dataset.classes().get(best), best, probabilities, null, null);
	}

	private Restored restore(UUID jobId, CheckpointView checkpoint) {
		synchronized (this.cache) {
			Restored cached = this.cache.get(checkpoint.id());
			if (cached != null) {
				return cached;
			}
		}
		Restored restored = load(jobId, checkpoint.id());
		synchronized (this.cache) {
			this.cache.put(checkpoint.id(), restored);
		}
		return restored;
	}

	private Restored load(UUID jobId, UUID checkpointId) {
		Path file = this.checkpoints.copyToTempFile(jobId, checkpointId);
		try {
			Pair<MultiLayerNetwork, Normalizer> pair = ModelSerializer
				.restoreMultiLayerNetworkAndNormalizer(file.toFile(), false);
			LayerHelpers.install(pair.getFirst());
			return new Restored(pair.getFirst(), (DataNormalization) pair.getSecond());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not restore checkpoint " + checkpointId, ex);
		}
		finally {
			file.toFile().delete();
		}
	}

	private record Restored(MultiLayerNetwork network, DataNormalization normalizer) {
	}

}
