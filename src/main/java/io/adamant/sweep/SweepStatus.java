package io.adamant.sweep;

import java.util.Map;

import io.adamant.job.JobStatus;

/** Where a sweep is, derived from its jobs' statuses and its cancellation. */
public enum SweepStatus {

	/** Every job is still queued. */
	QUEUED,
	/** Some job is queued or running, and not all are queued. */
	RUNNING,
	/** Every job has ended {@code SUCCEEDED}. */
	SUCCEEDED,
	/**
	 * Every job has ended, some {@code SUCCEEDED} and some not ({@code FAILED},
	 * {@code DIVERGED} or {@code CANCELLED}): the usual outcome of a sweep that maps
	 * where training blows up.
	 */
	PARTIAL,
	/** Every job has ended and none succeeded. */
	FAILED,
	/** The sweep was cancelled and every job has ended. */
	CANCELLED;

	static SweepStatus of(Map<JobStatus, Long> counts, boolean cancelled) {
		long total = counts.values().stream().mapToLong(Long::longValue).sum();
		long queued = counts.getOrDefault(JobStatus.QUEUED, 0L);
		long succeeded = counts.getOrDefault(JobStatus.SUCCEEDED, 0L);
		if (queued + counts.getOrDefault(JobStatus.RUNNING, 0L) > 0) {
			return (queued == total) ? QUEUED : RUNNING;
		}
		if (cancelled) {
			return CANCELLED;
		}
		if (succeeded == total) {
			return SUCCEEDED;
		}
		return (succeeded == 0) ? FAILED : PARTIAL;
	}

	boolean isFinished() {
		return this != QUEUED && this != RUNNING;
	}

}
