package io.adamant.job;

import java.util.function.LongSupplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What to train: a dataset, a model, an optimizer, gradient clipping and the training
 * loop's settings. Optional parts may be left out: their defaults are filled in
 * ({@code withDefaults}), and the job stores and returns the filled-in ("normalised")
 * spec so that a run can be repeated exactly.
 *
 * @param name an optional label for people
 * @param dataset which data to train on
 * @param model the network
 * @param optimizer the update rule; Adam with its usual defaults if left out
 * @param clipping gradient clipping; none if left out
 * @param schedule how the learning rate moves; constant if left out
 * @param regularization L2 and decoupled weight decay; none if left out
 * @param divergence how a run that blows up is caught and handled
 * @param telemetry how much each training step measures
 * @param training epochs, batch size, seed and validation split
 * @param priority higher runs first, FIFO within a priority; -100 to 100, default 0
 * @param from start from another job's trained network; fresh weights if left out
 */
public record JobSpec(@Size(max = 200) String name, @NotNull @Valid DatasetSpec dataset, @Valid ModelSpec model,
		@Valid OptimizerSpec optimizer, @Valid ClippingSpec clipping, @Valid ScheduleSpec schedule,
		@Valid RegularizationSpec regularization, @Valid DivergenceSpec divergence, @Valid TelemetrySpec telemetry,
		@NotNull @Valid TrainingSpec training, @Min(-100) @Max(100) Integer priority, @Valid FromSpec from) {

	/**
	 * The spec with every default written out; a missing seed is drawn from
	 * {@code seeds}.
	 */
	public JobSpec withDefaults(LongSupplier seeds) {
		return new JobSpec(this.name, this.dataset.withDefaults(),
				this.model == null ? null : this.model.withDefaults(),
				(this.optimizer == null ? new OptimizerSpec.Adam(null, null, null, null) : this.optimizer)
					.withDefaults(),
				this.clipping == null ? new ClippingSpec.None() : this.clipping,
				(this.schedule == null ? new ScheduleSpec.Constant(null) : this.schedule).withDefaults(),
				(this.regularization == null ? new RegularizationSpec(null, null) : this.regularization).withDefaults(),
				(this.divergence == null ? new DivergenceSpec(null, null, null, null, null, null) : this.divergence)
					.withDefaults(),
				(this.telemetry == null ? new TelemetrySpec(null) : this.telemetry).withDefaults(),
				this.training.withDefaults(seeds), this.priority == null ? 0 : this.priority, this.from);
	}

	/** The same spec with the model and checkpoint it starts from filled in. */
	JobSpec startingFrom(ModelSpec sourceModel, FromSpec resolved) {
		return new JobSpec(this.name, this.dataset, sourceModel, this.optimizer, this.clipping, this.schedule,
				this.regularization, this.divergence, this.telemetry, this.training, this.priority, resolved);
	}

}
