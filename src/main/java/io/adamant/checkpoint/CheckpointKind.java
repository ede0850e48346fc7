package io.adamant.checkpoint;

/** Why a checkpoint was taken. */
public enum CheckpointKind {

	/** Taken every N epochs while training; the last K are kept. */
	PERIODIC,

	/** The epoch with the lowest validation loss so far. */
	BEST,

	/** The network at the end of training (the best epoch's, after early stopping). */
	FINAL,

	/** The last good state of a job that ended DIVERGED. */
	LAST_GOOD,

	/** A running job's state when its instance shut down, between two iterations. */
	SHUTDOWN

}
