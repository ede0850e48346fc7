package io.adamant.events;

import java.util.Set;
import java.util.UUID;

import io.adamant.database.NotificationSubscriber;

import org.springframework.stereotype.Component;

/**
 * Wakes the streams of the job a timeline trigger names, whichever instance wrote. When
 * the listening connection is re-established every stream re-reads, as notifications may
 * have been lost.
 */
@Component
class TimelineNotificationListener implements NotificationSubscriber {

	static final String CHANNEL = "adamant_job_timeline";

	private final JobEventStreams streams;

	TimelineNotificationListener(JobEventStreams streams) {
		this.streams = streams;
	}

	@Override
	public Set<String> channels() {
		return Set.of(CHANNEL);
	}

	@Override
	public void notified(String channel, String payload) {
		this.streams.timelineChanged(UUID.fromString(payload));
	}

	@Override
	public void listening() {
		this.streams.drainAll();
	}

}
