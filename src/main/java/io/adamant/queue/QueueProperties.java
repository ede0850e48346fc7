package io.adamant.queue;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the queue hands out and takes back work.
 *
 * @param pollInterval how often idle workers look for work when no notification came
 * @param heartbeatInterval how often a worker renews the lease of each job it runs
 * @param leaseTimeout how long a job may go without a heartbeat before a reaper re-queues
 * it
 * @param reaperInterval how often each instance looks for expired leases
 * @param maxAttempts starts a job gets before an expired lease fails it
 */
@Validated
@ConfigurationProperties("adamant.queue")
public record QueueProperties(@DefaultValue("5s") Duration pollInterval, @DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("60s") Duration leaseTimeout, @DefaultValue("15s") Duration reaperInterval,
		@DefaultValue("3") @Positive int maxAttempts) {
}
