package io.adamant.metrics;

import java.util.List;

/**
 * What one epoch of training measured. Gradient norms are global L2 norms of the gradient
 * of the mean minibatch loss, over the epoch's accepted iterations.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's accepted iterations
 * @param validationLoss loss on the validation rows; {@code null} without validation
 * @param validationAccuracy share of validation rows classified right (classification)
 * @param validationRmse root mean squared error on the validation rows (regression)
 * @param learningRate mean learning rate of the epoch's steps; {@code null} for AdaDelta
 * @param gradientNormMean mean gradient norm before clipping
 * @param gradientNormMax largest gradient norm before clipping
 * @param clippedGradientNormMean mean gradient norm after clipping
 * @param clippedGradientNormMax largest gradient norm after clipping
 * @param clippedFraction share of iterations whose gradient clipping changed
 * @param nonFiniteIterations iterations whose loss or gradient was NaN or infinite
 * @param skippedSteps iterations whose update was dropped by the {@code skip-step} policy
 * @param parameterNorm L2 norm of all parameters at the end of the epoch
 * @param updateRatioLog10 mean over the steps of log10(|update| / |parameters|), the DL4J
 * UI's explosion indicator (healthy near -3)
 * @param iterations optimizer steps taken
 * @param samples training rows seen
 * @param durationMs wall time of the epoch, validation included
 * @param samplesPerSecond training rows per second of training time
 * @param layers the same figures per trainable layer
 */
public record EpochResult(int epoch, double trainLoss, Double validationLoss, Double validationAccuracy,
		Double validationRmse, Double learningRate, double gradientNormMean, double gradientNormMax,
		double clippedGradientNormMean, double clippedGradientNormMax, double clippedFraction, int nonFiniteIterations,
		int skippedSteps, double parameterNorm, Double updateRatioLog10, int iterations, int samples, long durationMs,
		double samplesPerSecond, List<LayerMetrics> layers) {
}
