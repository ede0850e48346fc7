package io.adamant.job;

import java.util.function.LongSupplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The training loop's settings.
 *
 * @param epochs passes over the training data
 * @param batchSize examples per iteration; default 32
 * @param seed seeds weights, the split, shuffling and synthetic data; drawn at random
 * (and stored) if left out
 * @param validationFraction share of the rows held out for validation, in [0, 0.9];
 * default 0.2
 * @param earlyStopping stop when validation loss stops improving; off if left out
 * @param checkpoints which checkpoints to keep while training
 */
public record TrainingSpec(@NotNull @Positive @Max(10_000) Integer epochs, @Positive @Max(65_536) Integer batchSize,
		Long seed, @DecimalMin("0") @DecimalMax("0.9") Double validationFraction,
		@Valid EarlyStoppingSpec earlyStopping, @Valid CheckpointSpec checkpoints) {

	public TrainingSpec(Integer epochs, Integer batchSize, Long seed, Double validationFraction) {
		this(epochs, batchSize, seed, validationFraction, null, null);
	}

	TrainingSpec withDefaults(LongSupplier seeds) {
		return new TrainingSpec(this.epochs, this.batchSize == null ? 32 : this.batchSize,
				this.seed == null ? seeds.getAsLong() : this.seed,
				this.validationFraction == null ? 0.2 : this.validationFraction,
				this.earlyStopping == null ? null : this.earlyStopping.withDefaults(),
				(this.checkpoints == null ? new CheckpointSpec(null, null, null) : this.checkpoints).withDefaults());
	}

}
