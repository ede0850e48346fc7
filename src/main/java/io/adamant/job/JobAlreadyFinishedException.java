package io.adamant.job;

import java.util.UUID;

import io.adamant.api.StateConflictException;

/** The job has ended, so it can no longer be cancelled. */
class JobAlreadyFinishedException extends StateConflictException {

	private JobAlreadyFinishedException(UUID id, JobStatus status) {
		super("Job %s has already ended with status %s".formatted(id, status));
	}

	static JobAlreadyFinishedException forJob(UUID id, JobStatus status) {
		return new JobAlreadyFinishedException(id, status);
	}

}
