package io.adamant.metrics;

import java.util.UUID;

/**
 * An event a worker records.
 *
 * @param type what happened
 * @param epoch the epoch it happened in
 * @param iteration the network's iteration count then
 * @param reason the machine-readable cause, e.g. {@code non-finite-loss} or
 * {@code loss-spike}
 * @param detail the same in words
 * @param value the loss or gradient norm that triggered it, if any
 * @param learningRate the learning rate after it (a rollback lowers it)
 * @param checkpointId the checkpoint that holds the last good state, if one was stored
 */
public record JobEvent(JobEventType type, int epoch, int iteration, String reason, String detail, Double value,
		Double learningRate, UUID checkpointId) {
}
