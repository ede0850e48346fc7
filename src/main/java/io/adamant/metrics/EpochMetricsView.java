package io.adamant.metrics;

import java.time.Instant;

/**
 * One epoch's network-wide metrics as the API shows them (per-layer figures are served
 * separately).
 *
 * @param epoch 1-based epoch number
 * @param attempt which run of the job wrote the row (a job re-queued after a lost worker
 * runs again)
 * @param archived whether the row belongs to an abandoned attempt
 * @param trainLoss mean training loss
 * @param validationLoss validation loss, if the job validates
 * @param validationAccuracy validation accuracy (classification)
 * @param validationRmse validation RMSE (regression)
 * @param learningRate mean learning rate of the epoch's steps
 * @param gradientNormMean mean global gradient L2 norm before clipping
 * @param gradientNormMax largest global gradient L2 norm before clipping
 * @param clippedGradientNormMean mean global gradient L2 norm after clipping
 * @param clippedGradientNormMax largest global gradient L2 norm after clipping
 * @param clippedFraction share of iterations whose gradient clipping changed
 * @param nonFiniteIterations iterations with a NaN or infinite loss or gradient
 * @param skippedSteps updates dropped by the {@code skip-step} policy
 * @param parameterNorm L2 norm of all parameters at the end of the epoch
 * @param updateRatioLog10 mean log10(|update| / |parameters|); healthy near -3
 * @param iterations optimizer steps
 * @param samples training rows seen
 * @param durationMs wall time of the epoch
 * @param samplesPerSecond training throughput
 * @param recordedAt when the row was written
 */
public record EpochMetricsView(int epoch, int attempt, boolean archived, double trainLoss, Double validationLoss,
		Double validationAccuracy, Double validationRmse, Double learningRate, double gradientNormMean,
		double gradientNormMax, Double clippedGradientNormMean, Double clippedGradientNormMax, Double clippedFraction,
		int nonFiniteIterations, int skippedSteps, Double parameterNorm, Double updateRatioLog10, int iterations,
		int samples, long durationMs, double samplesPerSecond, Instant recordedAt) {
}
