package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/** The update rule and its hyperparameters. Every hyperparameter has a default. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = OptimizerSpec.Sgd.class, name = "sgd"),
		@JsonSubTypes.Type(value = OptimizerSpec.Adam.class, name = "adam") })
public sealed interface OptimizerSpec {

	/** The base learning rate; never null once defaults are applied. */
	Double learningRate();

	OptimizerSpec withDefaults();

	/**
	 * Plain stochastic gradient descent.
	 *
	 * @param learningRate step size; default 0.01
	 */
	record Sgd(@Positive @DecimalMax("10") Double learningRate) implements OptimizerSpec {

		@Override
		public Sgd withDefaults() {
			return new Sgd(orDefault(this.learningRate, 0.01));
		}

	}

	/**
	 * Adam (Kingma and Ba, 2015).
	 *
	 * @param learningRate step size; default 0.001
	 * @param beta1 decay of the first-moment estimate, in [0, 1); default 0.9
	 * @param beta2 decay of the second-moment estimate, in [0, 1); default 0.999
	 * @param epsilon added to the denominator for stability; default 1e-8
	 */
	record Adam(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public Adam withDefaults() {
			return new Adam(orDefault(this.learningRate, 0.001), orDefault(this.beta1, 0.9),
					orDefault(this.beta2, 0.999), orDefault(this.epsilon, 1e-8));
		}

	}

	private static double orDefault(Double value, double fallback) {
		return value == null ? fallback : value;
	}

}
