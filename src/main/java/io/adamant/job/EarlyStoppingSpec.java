package io.adamant.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Stops training when the validation loss has not improved for a while, and keeps the
 * best epoch's network as the final checkpoint.
 *
 * @param patience epochs without improvement before stopping
 * @param minDelta how much lower than the best so far a validation loss must be to count
 * as an improvement; default 0
 */
public record EarlyStoppingSpec(@NotNull @Positive @Max(10_000) Integer patience, @PositiveOrZero Double minDelta) {

	EarlyStoppingSpec withDefaults() {
		return new EarlyStoppingSpec(this.patience, this.minDelta == null ? 0 : this.minDelta);
	}

}
