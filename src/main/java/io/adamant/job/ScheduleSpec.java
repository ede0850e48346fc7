package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How the learning rate moves during training. Each may start with a linear warm-up over
 * {@code warmupEpochs} (fractions allowed), rising from 1/(warm-up iterations) of the
 * base rate to the base rate; the schedule proper then starts at the end of the warm-up.
 * Epoch-based schedules change the rate at epoch boundaries; cosine changes it every
 * iteration.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ScheduleSpec.Constant.class, name = "constant"),
		@JsonSubTypes.Type(value = ScheduleSpec.Step.class, name = "step"),
		@JsonSubTypes.Type(value = ScheduleSpec.Exponential.class, name = "exponential"),
		@JsonSubTypes.Type(value = ScheduleSpec.Cosine.class, name = "cosine") })
public sealed interface ScheduleSpec {

	/**
	 * Epochs of linear warm-up before the schedule; never null once defaults are applied.
	 */
	Double warmupEpochs();

	ScheduleSpec withDefaults();

	/**
	 * The base learning rate throughout.
	 *
	 * @param warmupEpochs default 0
	 */
	@Schema(name = "ConstantSchedule")
	record Constant(@PositiveOrZero Double warmupEpochs) implements ScheduleSpec {

		@Override
		public Constant withDefaults() {
			return new Constant(orZero(this.warmupEpochs));
		}

	}

	/**
	 * Multiplies the rate by {@code gamma} every {@code stepEpochs} epochs (PyTorch's
	 * {@code StepLR}).
	 *
	 * @param stepEpochs epochs between decays
	 * @param gamma the factor, in (0, 1]; default 0.1
	 * @param warmupEpochs default 0
	 */
	@Schema(name = "StepSchedule")
	record Step(@NotNull @Positive Integer stepEpochs,
			@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double gamma,
			@PositiveOrZero Double warmupEpochs) implements ScheduleSpec {

		@Override
		public Step withDefaults() {
			return new Step(this.stepEpochs, this.gamma == null ? 0.1 : this.gamma, orZero(this.warmupEpochs));
		}

	}

	/**
	 * Multiplies the rate by {@code gamma} every epoch (PyTorch's {@code ExponentialLR}).
	 *
	 * @param gamma the factor, in (0, 1]; default 0.95
	 * @param warmupEpochs default 0
	 */
	@Schema(name = "ExponentialSchedule")
	record Exponential(@DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double gamma,
			@PositiveOrZero Double warmupEpochs) implements ScheduleSpec {

		@Override
		public Exponential withDefaults() {
			return new Exponential(this.gamma == null ? 0.95 : this.gamma, orZero(this.warmupEpochs));
		}

	}

	/**
	 * Half a cosine from the base rate down to {@code minLearningRate} over the epochs
	 * after the warm-up (PyTorch's {@code CosineAnnealingLR}).
	 *
	 * @param minLearningRate the final rate, ≥ 0; default 0
	 * @param warmupEpochs default 0
	 */
	@Schema(name = "CosineSchedule")
	record Cosine(@PositiveOrZero Double minLearningRate, @PositiveOrZero Double warmupEpochs) implements ScheduleSpec {

		@Override
		public Cosine withDefaults() {
			return new Cosine(orZero(this.minLearningRate), orZero(this.warmupEpochs));
		}

	}

	private static double orZero(Double value) {
		return value == null ? 0 : value;
	}

}
