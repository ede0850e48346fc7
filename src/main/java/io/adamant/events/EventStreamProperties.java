package io.adamant.events;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live event streams ({@code GET /api/v1/jobs/{id}/events} as
 * {@code text/event-stream}) this instance serves.
 *
 * @param maxStreams streams open at once; more are refused with 503
 * @param timeout how long a stream stays open; the client then reconnects with
 * {@code Last-Event-ID}
 * @param pollInterval how often every stream re-reads its job's timeline, in case a
 * notification was missed
 * @param heartbeatInterval how often every stream gets a comment line, so that proxies
 * keep idle streams open and a client that left is noticed
 */
@Validated
@ConfigurationProperties("adamant.events")
record EventStreamProperties(@DefaultValue("200") @Positive int maxStreams,
		@DefaultValue("30m") @DurationMin(seconds = 1) Duration timeout,
		@DefaultValue("5s") @DurationMin(millis = 10) Duration pollInterval,
		@DefaultValue("15s") @DurationMin(millis = 10) Duration heartbeatInterval) {
}
