package io.adamant.job;

import java.util.List;
import java.util.UUID;

import io.adamant.metrics.JobEventView;

/**
 * What happened to a job besides its epochs: skipped steps, rollbacks, divergence.
 *
 * @param jobId the job
 * @param status its status when read
 * @param items the events in the order they happened
 */
public record JobEventsView(UUID jobId, JobStatus status, List<JobEventView> items) {
}
