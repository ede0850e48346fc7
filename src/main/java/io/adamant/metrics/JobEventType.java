package io.adamant.metrics;

/** What happened to a job besides its epochs. */
public enum JobEventType {

	/** The {@code skip-step} policy dropped an update. */
	STEP_SKIPPED,
	/**
	 * The {@code rollback} policy restored the last good state and lowered the learning
	 * rate.
	 */
	ROLLBACK,
	/** The job ended {@code DIVERGED}. */
	DIVERGED,
	/** Early stopping ended the job: validation loss stopped improving. */
	EARLY_STOPPED

}
