package io.adamant.training;

import java.util.UUID;

import io.adamant.api.StateConflictException;

/** A job has no checkpoint to predict with yet. */
class NoCheckpointException extends StateConflictException {

	private NoCheckpointException(UUID jobId, String status) {
		super("Job %s has no final checkpoint to predict with (status %s)".formatted(jobId, status));
	}

	static NoCheckpointException forJob(UUID jobId, String status) {
		return new NoCheckpointException(jobId, status);
	}

}
