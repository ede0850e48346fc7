package io.adamant.job;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Penalties on the weights, for every optimizer.
 *
 * @param l2 coupled L2: adds {@code l2·θ} to the gradient, so the optimizer rescales it
 * (Adam's "weight decay"); default 0
 * @param weightDecay decoupled decay: {@code θ -= lr·weightDecay·θ} after the optimizer's
 * step (as AdamW does); default 0
 */
public record RegularizationSpec(@PositiveOrZero @DecimalMax("1") Double l2,
		@PositiveOrZero @DecimalMax("1") Double weightDecay) {

	RegularizationSpec withDefaults() {
		return new RegularizationSpec(this.l2 == null ? 0 : this.l2, this.weightDecay == null ? 0 : this.weightDecay);
	}

}
