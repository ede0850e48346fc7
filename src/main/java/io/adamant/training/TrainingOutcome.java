package io.adamant.training;

import java.nio.file.Path;

/** How a training run ended. */
sealed interface TrainingOutcome {

	/** All epochs done; the final network is serialised at {@code checkpoint}. */
	record Completed(int epochs, Path checkpoint) implements TrainingOutcome {
	}

	/** Stopped from outside before the end. */
	record Stopped(RunControl.StopReason reason) implements TrainingOutcome {
	}

	/**
	 * Stopped by a shutdown between two iterations; the state at that point is serialised
	 * at {@code checkpoint} so that the job resumes there.
	 *
	 * @param completedEpochs epochs finished before the interrupted one
	 * @param nextBatch the first batch of the interrupted epoch still to train
	 */
	record Interrupted(Path checkpoint, int completedEpochs, int nextBatch) implements TrainingOutcome {
	}

	/** Training could not go on. */
	record Failed(String reason) implements TrainingOutcome {
	}

	/**
	 * The divergence policy gave up.
	 *
	 * @param anomaly what was detected last
	 * @param summary what happened, in words
	 * @param lastGoodEpoch the epoch whose end state is the last good one (0: initial)
	 * @param lastGoodCheckpoint that state serialised, or {@code null} if it could not be
	 */
	record Diverged(Anomaly anomaly, String summary, int lastGoodEpoch,
			Path lastGoodCheckpoint) implements TrainingOutcome {
	}

}
