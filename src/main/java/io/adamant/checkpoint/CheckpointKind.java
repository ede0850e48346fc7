package io.adamant.checkpoint;

/** Why a checkpoint was taken. */
public enum CheckpointKind {

	/** The network at the end of training. */
	FINAL,

	/** The last good state of a job that ended DIVERGED. */
	LAST_GOOD

}
