package io.adamant.checkpoint;

import java.util.UUID;

import io.adamant.api.ResourceNotFoundException;

/** The job has no checkpoint with that id. */
class CheckpointNotFoundException extends ResourceNotFoundException {

	private CheckpointNotFoundException(UUID jobId, UUID checkpointId) {
		super("Job %s has no checkpoint %s".formatted(jobId, checkpointId));
	}

	static CheckpointNotFoundException forIds(UUID jobId, UUID checkpointId) {
		return new CheckpointNotFoundException(jobId, checkpointId);
	}

}
