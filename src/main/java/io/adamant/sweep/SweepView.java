package io.adamant.sweep;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.adamant.job.JobStatus;

/**
 * A sweep with the comparison of its jobs.
 *
 * @param id the sweep's id
 * @param name its label
 * @param status derived from its jobs (see {@link SweepStatus})
 * @param cancelRequested whether the sweep was cancelled
 * @param targetLoss the loss {@code epochsToTarget} measures against, if any
 * @param size its number of jobs
 * @param counts its jobs by status, every status listed
 * @param base the base spec as submitted, without the fields it left out
 * @param axes the axes as submitted
 * @param createdAt when it was submitted
 * @param comparison one row per job, in grid order (the last axis varies fastest)
 */
public record SweepView(UUID id, String name, SweepStatus status, boolean cancelRequested, Double targetLoss, int size,
		Map<JobStatus, Long> counts, JsonNode base, List<SweepRequest.Axis> axes, Instant createdAt,
		List<ComparisonRow> comparison) {
}
