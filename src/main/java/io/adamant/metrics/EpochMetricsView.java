package io.adamant.metrics;

import java.time.Instant;

/**
 * One epoch's metrics as the API shows them: the figures of {@link EpochResult} plus the
 * attempt that wrote them and when.
 *
 * @param epoch 1-based epoch number
 * @param attempt which run of the job wrote the row (a job re-queued after a lost worker
 * runs again)
 * @param archived whether the row belongs to an abandoned attempt
 * @param trainLoss mean training loss
 * @param validationLoss validation loss, if the job validates
 * @param validationAccuracy validation accuracy (classification)
 * @param validationRmse validation RMSE (regression)
 * @param learningRate learning rate used
 * @param gradientNormMean mean global gradient L2 norm before clipping
 * @param gradientNormMax largest global gradient L2 norm before clipping
 * @param iterations optimizer steps
 * @param samples training rows seen
 * @param durationMs wall time of the epoch
 * @param samplesPerSecond training throughput
 * @param recordedAt when the row was written
 */
public record EpochMetricsView(int epoch, int attempt, boolean archived, double trainLoss, Double validationLoss,
		Double validationAccuracy, Double validationRmse, double learningRate, double gradientNormMean,
		double gradientNormMax, int iterations, int samples, long durationMs, double samplesPerSecond,
		Instant recordedAt) {
}
