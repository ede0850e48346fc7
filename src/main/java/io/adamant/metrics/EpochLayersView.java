package io.adamant.metrics;

import java.util.List;

/**
 * One epoch's per-layer figures.
 *
 * @param epoch 1-based epoch number
 * @param attempt the run of the job that wrote them
 * @param archived whether they belong to an abandoned attempt
 * @param layers one entry per trainable layer, in network order
 */
public record EpochLayersView(int epoch, int attempt, boolean archived, List<LayerMetrics> layers) {
}
