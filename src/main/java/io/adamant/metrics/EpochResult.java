package io.adamant.metrics;

/**
 * What one epoch of training measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's iterations
 * @param validationLoss loss on the validation rows; {@code null} without validation
 * @param validationAccuracy share of validation rows classified right (classification)
 * @param validationRmse root mean squared error on the validation rows (regression)
 * @param learningRate the learning rate used in the epoch
 * @param gradientNormMean mean over the iterations of the global L2 norm of the gradient,
 * before clipping
 * @param gradientNormMax the largest such norm
 * @param iterations optimizer steps taken
 * @param samples training rows seen
 * @param durationMs wall time of the epoch, validation included
 * @param samplesPerSecond training rows per second of training time
 */
public record EpochResult(int epoch, double trainLoss, Double validationLoss, Double validationAccuracy,
		Double validationRmse, double learningRate, double gradientNormMean, double gradientNormMax, int iterations,
		int samples, long durationMs, double samplesPerSecond) {
}
