package io.adamant.metrics;

/**
 * One trainable layer's figures for an epoch.
 *
 * @param layer the layer's index in the network
 * @param name what it is, e.g. {@code dense 4→16}
 * @param parameters its parameter count
 * @param gradientNormMean mean L2 norm of its gradient before clipping; {@code null} with
 * per-layer telemetry off
 * @param gradientNormMax largest such norm
 * @param parameterNorm L2 norm of its parameters at the end of the epoch
 * @param updateRatioLog10 mean log10(|update| / |parameters|) over the steps;
 * {@code null} with per-layer telemetry off
 */
public record LayerMetrics(int layer, String name, long parameters, Double gradientNormMean, Double gradientNormMax,
		double parameterNorm, Double updateRatioLog10) {
}
