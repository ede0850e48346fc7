package io.adamant.checkpoint;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored checkpoint's metadata.
 *
 * @param id the checkpoint
 * @param jobId the job it belongs to
 * @param epoch the epoch after which it was taken
 * @param kind why it was taken
 * @param sizeBytes the size of the zip
 * @param sha256 the zip's SHA-256, hex
 * @param metrics what the network scored then; {@code null} for initial states
 * @param resumeBatch for {@code SHUTDOWN} checkpoints: the first batch of the unfinished
 * epoch {@code epoch + 1} still to train
 * @param createdAt when it was stored
 */
public record CheckpointView(UUID id, UUID jobId, int epoch, CheckpointKind kind, long sizeBytes, String sha256,
		CheckpointMetrics metrics, Integer resumeBatch, Instant createdAt) {
}
