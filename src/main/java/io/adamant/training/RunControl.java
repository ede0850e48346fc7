package io.adamant.training;

/**
 * Lets other threads stop a training run between two iterations (the run checks
 * {@link #stopReason()} before every iteration) and watch its {@link #progress()}.
 */
final class RunControl {

	enum StopReason {

		/** Its owner cancelled the job. */
		CANCELLED,
		/** Another worker holds the job now; write nothing more. */
		LEASE_LOST,
		/** This instance is shutting down; hand the job back to the queue. */
		SHUTDOWN

	}

	private volatile StopReason stopReason;

	private final RunProgress progress = new RunProgress();

	RunProgress progress() {
		return this.progress;
	}

	/** Asks the run to stop; the first reason given wins. */
	synchronized void stop(StopReason reason) {
		if (this.stopReason == null) {
			this.stopReason = reason;
		}
	}

	StopReason stopReason() {
		return this.stopReason;
	}

}
