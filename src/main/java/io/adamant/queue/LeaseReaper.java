package io.adamant.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Takes back jobs whose worker died, on every instance (the update is idempotent). */
@Component
class LeaseReaper {

	private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

	private final JobQueue queue;

	private final QueueProperties properties;

	LeaseReaper(JobQueue queue, QueueProperties properties) {
		this.queue = queue;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${adamant.queue.reaper-interval:15s}",
			initialDelayString = "${adamant.queue.reaper-interval:15s}")
	void reap() {
		int reaped = this.queue.reapExpiredLeases(this.properties.leaseTimeout(), this.properties.maxAttempts());
		if (reaped > 0) {
			log.warn("Took back {} job(s) whose worker stopped heartbeating", reaped);
		}
	}

}
