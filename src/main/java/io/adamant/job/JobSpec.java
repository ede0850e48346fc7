package io.adamant.job;

import java.util.function.LongSupplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What to train: a dataset, a model, an optimizer, gradient clipping and the training
 * loop's settings. Optional parts may be left out; {@link #withDefaults} fills them, and
 * the job stores and returns the filled-in ("normalised") spec so that a run can be
 * repeated exactly.
 *
 * @param name an optional label for people
 * @param dataset which data to train on
 * @param model the network
 * @param optimizer the update rule; Adam with its usual defaults if left out
 * @param clipping gradient clipping; none if left out
 * @param training epochs, batch size, seed and validation split
 */
public record JobSpec(@Size(max = 200) String name, @NotNull @Valid DatasetSpec dataset,
		@NotNull @Valid ModelSpec model, @Valid OptimizerSpec optimizer, @Valid ClippingSpec clipping,
		@NotNull @Valid TrainingSpec training) {

	/**
	 * The spec with every default written out; a missing seed is drawn from
	 * {@code seeds}.
	 */
	public JobSpec withDefaults(LongSupplier seeds) {
		return new JobSpec(this.name, this.dataset.withDefaults(), this.model.withDefaults(),
				this.optimizer == null ? new OptimizerSpec.Adam(null, null, null, null).withDefaults()
						: this.optimizer.withDefaults(),
				this.clipping == null ? new ClippingSpec.None() : this.clipping, this.training.withDefaults(seeds));
	}

}
