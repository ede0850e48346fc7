package io.adamant.job;

/** Where a job is in its life. */
public enum JobStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED,
	/**
	 * Training blew up and the divergence policy gave up; the last good state is kept.
	 */
	DIVERGED;

	public boolean isFinished() {
		return this != QUEUED && this != RUNNING;
	}

}
