package io.adamant.checkpoint;

/**
 * What the network scored when it was saved.
 *
 * @param trainLoss mean training loss of its epoch
 * @param validationLoss validation loss, if the job validates
 * @param validationAccuracy validation accuracy (classification)
 * @param validationRmse validation RMSE (regression)
 */
public record CheckpointMetrics(Double trainLoss, Double validationLoss, Double validationAccuracy,
		Double validationRmse) {
}
