package io.adamant.job;

import java.util.List;
import java.util.UUID;

import io.adamant.metrics.EpochLayersView;

/**
 * A job's per-layer gradient norms, parameter norms and update:parameter ratios, epoch by
 * epoch.
 *
 * @param jobId the job
 * @param status its status when read
 * @param items one entry per epoch
 */
public record JobLayerMetricsView(UUID jobId, JobStatus status, List<EpochLayersView> items) {
}
