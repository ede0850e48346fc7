package io.adamant.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The data a job trains on.
 *
 * @param name a dataset from {@code GET /api/v1/datasets}
 * @param samples how many rows a synthetic dataset generates; its own default if left
 * out, not allowed for real datasets
 * @param sequenceLength steps per sequence, for the sequence datasets that generate them
 */
public record DatasetSpec(@NotBlank String name, @Positive @Max(1_000_000) Integer samples,
		@Positive @Max(10_000) Integer sequenceLength) {

	DatasetSpec withDefaults() {
		return this;
	}

}
