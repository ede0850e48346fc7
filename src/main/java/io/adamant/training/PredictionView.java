package io.adamant.training;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Predictions of a job's network.
 *
 * @param jobId the job
 * @param checkpointId the checkpoint that made them
 * @param epoch the epoch that checkpoint holds
 * @param predictions one per input row, in order
 */
record PredictionView(UUID jobId, UUID checkpointId, int epoch, List<Prediction> predictions) {

	/**
	 * One prediction: a class with its probabilities (classification), values
	 * (regression), or, for per-step sequence models, one of those per step.
	 *
	 * @param label the most probable class
	 * @param classIndex its index in the dataset's class list
	 * @param probabilities every class's probability
	 * @param values the regression outputs
	 * @param steps per-step predictions, for per-step sequence models
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Prediction(String label, Integer classIndex, Map<String, Double> probabilities, List<Double> values,
			List<Prediction> steps) {
	}

}
