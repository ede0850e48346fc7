package io.adamant.job;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Starts a job from another job's trained network instead of fresh weights: its
 * parameters and normaliser, with this job's own optimizer (fresh state), clipping,
 * schedule and epochs. The model must be the other job's (it is taken from there when
 * left out).
 *
 * @param jobId the job to continue from
 * @param checkpointId which of its checkpoints; its final one (else its latest) if left
 * out
 */
public record FromSpec(@NotNull UUID jobId, UUID checkpointId) {
}
