package io.adamant.queue;

/** How a worker ends a job it holds. */
public enum JobOutcome {

	SUCCEEDED, FAILED, CANCELLED, DIVERGED

}
