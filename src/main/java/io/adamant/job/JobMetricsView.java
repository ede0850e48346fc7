package io.adamant.job;

import java.util.UUID;

import io.adamant.metrics.EpochMetricsJson;

/**
 * A job's per-epoch metrics, in epoch order.
 *
 * @param jobId the job
 * @param status its status when read
 * @param items one row per epoch (more with archived rows included)
 */
public record JobMetricsView(UUID jobId, JobStatus status, EpochMetricsJson items) {
}
