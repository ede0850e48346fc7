package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How a run that blows up is caught and what happens then. Every iteration is checked for
 * a non-finite loss or gradient, and for a spike: a loss, or a gradient norm (after
 * clipping, so clipping that contains a spike does not trigger), whose log10 lies more
 * than the threshold standard deviations above the mean of the last {@code window}
 * iterations (the deviation taken as at least 0.05, so a spike at the default threshold
 * is at least a doubling).
 *
 * @param policy what to do on detection; default {@code fail}
 * @param lossSpikeThreshold z-score that counts as a loss spike; 0 turns the test off;
 * default 6
 * @param gradientNormSpikeThreshold z-score that counts as a gradient-norm spike; 0 turns
 * the test off; default 6
 * @param window iterations the rolling mean and deviation cover; default 128
 * @param learningRateFactor {@code rollback}: the learning rate is multiplied by this
 * after each rollback; default 0.5
 * @param maxRollbacks {@code rollback}: rollbacks allowed before the job ends
 * {@code DIVERGED}; default 5
 */
public record DivergenceSpec(Policy policy, @PositiveOrZero @DecimalMax("1000") Double lossSpikeThreshold,
		@PositiveOrZero @DecimalMax("1000") Double gradientNormSpikeThreshold, @Min(8) @Max(100_000) Integer window,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1",
				inclusive = false) Double learningRateFactor,
		@Min(0) @Max(100) Integer maxRollbacks) {

	DivergenceSpec withDefaults() {
		return new DivergenceSpec(this.policy == null ? Policy.FAIL : this.policy,
				this.lossSpikeThreshold == null ? 6.0 : this.lossSpikeThreshold,
				this.gradientNormSpikeThreshold == null ? 6.0 : this.gradientNormSpikeThreshold,
				this.window == null ? 128 : this.window,
				this.learningRateFactor == null ? 0.5 : this.learningRateFactor,
				this.maxRollbacks == null ? 5 : this.maxRollbacks);
	}

	/** What happens when divergence is detected. */
	public enum Policy {

		/**
		 * End the job at once with status {@code DIVERGED}, keeping the last good state.
		 */
		@JsonProperty("fail")
		FAIL,
		/** Drop that iteration's update, count it, carry on. */
		@JsonProperty("skip-step")
		SKIP_STEP,
		/**
		 * Restore the last good parameters and optimizer state (the end of the last
		 * finished epoch), scale the learning rate down, and go on from there.
		 */
		@JsonProperty("rollback")
		ROLLBACK

	}

}
