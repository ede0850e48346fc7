package io.adamant.metrics;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the API shows it.
 *
 * @param id its sequence number
 * @param attempt the run of the job it happened in
 * @param type what happened
 * @param epoch the epoch it happened in
 * @param iteration the network's iteration count then
 * @param reason machine-readable cause
 * @param detail the same in words
 * @param value the loss or gradient norm that triggered it
 * @param learningRate the learning rate after it
 * @param checkpointId the checkpoint holding the last good state, if stored
 * @param createdAt when it was recorded
 */
public record JobEventView(long id, int attempt, JobEventType type, int epoch, int iteration, String reason,
		String detail, Double value, Double learningRate, UUID checkpointId, Instant createdAt) {
}
