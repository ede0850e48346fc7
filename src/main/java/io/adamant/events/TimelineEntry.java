package io.adamant.events;

import java.time.Instant;

import io.adamant.job.JobStatus;

/**
 * One row of a job's timeline.
 *
 * @param id its place in the timeline; the SSE event id
 * @param kind what it records
 * @param status the job's new status ({@code STATUS} rows)
 * @param previousStatus the status before, null for a new job ({@code STATUS} rows)
 * @param attempt the job's attempt then
 * @param workerId the worker holding the job then ({@code STATUS} rows)
 * @param failureReason why the job failed or diverged ({@code STATUS} rows)
 * @param reference the id of the epoch row or event it records ({@code EPOCH} and
 * {@code EVENT} rows)
 * @param createdAt when it was recorded
 */
record TimelineEntry(long id, Kind kind, JobStatus status, JobStatus previousStatus, int attempt, String workerId,
		String failureReason, Long reference, Instant createdAt) {

	enum Kind {

		STATUS, EPOCH, EVENT

	}

}
