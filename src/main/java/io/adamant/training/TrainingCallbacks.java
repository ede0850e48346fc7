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
	 * Where a run taken over from a dead worker picks up.
	 *
	 * @param checkpoint the serialised state to resume from
	 * @param epoch the epoch that state ends
	 * @param bestValidationLoss the best validation loss a kept checkpoint has, if any
	 */
	record Resume(Path checkpoint, int epoch, Double bestValidationLoss) {
	}

}
