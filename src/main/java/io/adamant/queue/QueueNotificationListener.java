package io.adamant.queue;

import java.util.Set;
import java.util.UUID;

import io.adamant.database.NotificationSubscriber;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Republishes the notifications the {@code jobs} triggers send as application events: a
 * job became claimable, or its owner asked to cancel it. Without them workers fall back
 * to polling.
 */
@Component
class QueueNotificationListener implements NotificationSubscriber {

	static final String QUEUED_CHANNEL = "adamant_job_queued";

	static final String CANCEL_CHANNEL = "adamant_job_cancel";

	private final ApplicationEventPublisher events;

	QueueNotificationListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public Set<String> channels() {
		return Set.of(QUEUED_CHANNEL, CANCEL_CHANNEL);
	}

	@Override
	public void notified(String channel, String payload) {
		UUID jobId = UUID.fromString(payload);
		if (QUEUED_CHANNEL.equals(channel)) {
			this.events.publishEvent(new QueueEvents.JobQueued(jobId));
		}
		else if (CANCEL_CHANNEL.equals(channel)) {
			this.events.publishEvent(new QueueEvents.CancelRequested(jobId));
		}
	}

	@Override
	public void listening() {
		this.events.publishEvent(new QueueEvents.NotificationsResumed());
	}

}
