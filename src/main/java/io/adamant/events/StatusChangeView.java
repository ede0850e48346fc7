package io.adamant.events;

import java.time.Instant;
import java.util.UUID;

import io.adamant.job.JobStatus;

/**
 * The data of a {@code status} event.
 *
 * @param jobId the job
 * @param status its new status
 * @param previousStatus the status before; null when the job was submitted.
 * {@code RUNNING} to {@code QUEUED} is a re-queue: its worker shut down or stopped
 * heartbeating
 * @param attempt the job's attempt: the number of times it has been started
 * @param workerId the worker that runs or ran it, if any
 * @param failureReason why it failed or diverged
 * @param at when the status changed
 */
public record StatusChangeView(UUID jobId, JobStatus status, JobStatus previousStatus, int attempt, String workerId,
		String failureReason, Instant at) {
}
