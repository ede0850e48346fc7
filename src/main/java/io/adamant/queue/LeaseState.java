package io.adamant.queue;

/** What a heartbeat learned about a held job. */
public enum LeaseState {

	/** Still ours; carry on. */
	HELD,
	/** Still ours, but its owner asked to cancel it. */
	CANCEL_REQUESTED,
	/**
	 * No longer ours (re-queued by a reaper, or ended): stop at once and write nothing.
	 */
	LOST

}
