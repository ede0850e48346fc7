package io.adamant.sweep;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.adamant.job.JobStatus;

/**
 * A sweep in a listing.
 *
 * @param id the sweep's id
 * @param name its label
 * @param status derived from its jobs (see {@link SweepStatus})
 * @param cancelRequested whether the sweep was cancelled
 * @param targetLoss the loss the comparison measures epochs to, if any
 * @param size its number of jobs
 * @param counts its jobs by status, every status listed
 * @param createdAt when it was submitted
 */
public record SweepSummary(UUID id, String name, SweepStatus status, boolean cancelRequested, Double targetLoss,
		int size, Map<JobStatus, Long> counts, Instant createdAt) {
}
