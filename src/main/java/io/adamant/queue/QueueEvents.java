package io.adamant.queue;

import java.util.UUID;

/** What the database tells every instance about the queue. */
public final class QueueEvents {

	private QueueEvents() {
	}

	/** A job became claimable. */
	public record JobQueued(UUID jobId) {
	}

	/**
	 * The notifications were down for a while (the listening connection was lost and is
	 * back): jobs may have been queued unannounced, so idle workers should look.
	 */
	public record NotificationsResumed() {
	}

	/** The owner of a running job asked to cancel it. */
	public record CancelRequested(UUID jobId) {
	}

}
