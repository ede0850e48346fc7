package io.adamant.training;

import java.nio.file.Path;
import java.util.List;

import io.adamant.checkpoint.CheckpointKind;
import io.adamant.metrics.EpochResult;
import io.adamant.metrics.JobEvent;

/** Where a training run reports, without knowing about the database. */
interface TrainingCallbacks {

	/**
	 * Persists a finished epoch with the checkpoints taken at its end.
	 * @return false if the job is no longer this worker's: the run must stop
	 */
	boolean epochFinished(EpochResult result, List<EpochCheckpoint> checkpoints);

	/** Records a skipped step, a rollback or early stopping as it happens. */
	void event(JobEvent event);

	/**
	 * A checkpoint taken at the end of an epoch.
	 *
	 * @param kind periodic or best
	 * @param file the serialised network
	 */
	record EpochCheckpoint(CheckpointKind kind, Path file) {
	}

	/**
	 * Where a run picks up: a job taken over from a dead worker resumes its own state; a
	 * job started from another job's network takes only that network's weights and
	 * normaliser.
	 *
	 * @param checkpoint the serialised state to start from
	 * @param epoch the epoch that state ends (0 for weights only)
	 * @param bestValidationLoss the best validation loss a kept checkpoint has, if any
	 * @param weightsOnly take the parameters and normaliser but build the network
	 * (optimizer, clipping, schedule) from this job's spec, with fresh optimizer state
	 * @param batch the first batch of epoch {@code epoch + 1} to train (after a shutdown
	 * in the middle of it); 0 otherwise
	 */
	record Resume(Path checkpoint, int epoch, Double bestValidationLoss, boolean weightsOnly, int batch) {

		static Resume weightsFrom(Path checkpoint) {
			return new Resume(checkpoint, 0, null, true, 0);
		}

	}

}
