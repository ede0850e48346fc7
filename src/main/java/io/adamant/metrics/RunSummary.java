package io.adamant.metrics;

/**
 * A job's current epochs (archived rows left out) boiled down to the figures a comparison
 * of runs needs.
 *
 * @param epochs epochs recorded
 * @param finalTrainLoss the last epoch's training loss
 * @param bestTrainLoss the lowest training loss of any epoch
 * @param bestTrainEpoch the first epoch with that loss
 * @param finalValidationLoss the last epoch's validation loss; {@code null} without a
 * validation split
 * @param bestValidationLoss the lowest validation loss of any epoch
 * @param bestValidationEpoch the first epoch with that loss
 * @param finalValidationAccuracy the last epoch's validation accuracy (classification)
 * @param bestValidationAccuracy the highest validation accuracy of any epoch
 * @param trainTargetEpoch the first epoch whose training loss is at or below the target;
 * {@code null} if none is, or no target was given
 * @param validationTargetEpoch the same for the validation loss
 * @param clippedFraction share of all the run's optimizer steps whose gradient clipping
 * changed (each epoch's share weighted by its steps); {@code null} for rows written
 * before clipping telemetry existed
 * @param maxGradientNorm the largest global gradient L2 norm before clipping of any step
 */
public record RunSummary(int epochs, double finalTrainLoss, double bestTrainLoss, int bestTrainEpoch,
		Double finalValidationLoss, Double bestValidationLoss, Integer bestValidationEpoch,
		Double finalValidationAccuracy, Double bestValidationAccuracy, Integer trainTargetEpoch,
		Integer validationTargetEpoch, Double clippedFraction, double maxGradientNorm) {
}
