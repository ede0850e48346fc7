package io.adamant.job;

import java.util.Optional;
import java.util.UUID;

/** Finds the checkpoint a job starts from; implemented by the checkpoint feature. */
public interface CheckpointCatalog {

	/**
	 * @param checkpointId a checkpoint of the job, or {@code null} for its final one
	 * (else its latest)
	 * @return the checkpoint's id, if the job has it
	 */
	Optional<UUID> resolve(UUID jobId, UUID checkpointId);

}
