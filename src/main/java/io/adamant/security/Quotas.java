package io.adamant.security;

import jakarta.validation.constraints.Positive;

/**
 * What one key may use. Each limit a key leaves out comes from
 * {@code adamant.security.default-quotas}.
 *
 * @param maxActiveJobs jobs queued or running at once
 * @param maxEpochs epochs one job may ask for
 * @param maxParameters parameters one job's model may have
 * @param maxDatasetBytes size of one uploaded dataset file
 * @param maxStorageBytes datasets and checkpoints stored, all together
 * @param maxSweepSize child jobs one sweep may create
 */
public record Quotas(@Positive Integer maxActiveJobs, @Positive Integer maxEpochs, @Positive Long maxParameters,
		@Positive Long maxDatasetBytes, @Positive Long maxStorageBytes, @Positive Integer maxSweepSize) {

	/** These quotas with every missing limit taken from {@code defaults}. */
	public Quotas orElse(Quotas defaults) {
		return new Quotas(pick(this.maxActiveJobs, defaults.maxActiveJobs), pick(this.maxEpochs, defaults.maxEpochs),
				pick(this.maxParameters, defaults.maxParameters), pick(this.maxDatasetBytes, defaults.maxDatasetBytes),
				pick(this.maxStorageBytes, defaults.maxStorageBytes), pick(this.maxSweepSize, defaults.maxSweepSize));
	}

	static Quotas none() {
		return new Quotas(null, null, null, null, null, null);
	}

	private static <T> T pick(T value, T fallback) {
		return value != null ? value : fallback;
	}

}
