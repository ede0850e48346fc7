package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/**
 * The update rule and its hyperparameters. Every hyperparameter has a default, written
 * into the stored spec.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = OptimizerSpec.Sgd.class, name = "sgd"),
		@JsonSubTypes.Type(value = OptimizerSpec.Momentum.class, name = "momentum"),
		@JsonSubTypes.Type(value = OptimizerSpec.Nesterov.class, name = "nesterov"),
		@JsonSubTypes.Type(value = OptimizerSpec.Adam.class, name = "adam"),
		@JsonSubTypes.Type(value = OptimizerSpec.AdamW.class, name = "adamw"),
		@JsonSubTypes.Type(value = OptimizerSpec.AmsGrad.class, name = "amsgrad"),
		@JsonSubTypes.Type(value = OptimizerSpec.Nadam.class, name = "nadam"),
		@JsonSubTypes.Type(value = OptimizerSpec.AdaMax.class, name = "adamax"),
		@JsonSubTypes.Type(value = OptimizerSpec.RmsProp.class, name = "rmsprop"),
		@JsonSubTypes.Type(value = OptimizerSpec.AdaGrad.class, name = "adagrad"),
		@JsonSubTypes.Type(value = OptimizerSpec.AdaDelta.class, name = "adadelta") })
public sealed interface OptimizerSpec {

	/** The base learning rate; {@code null} for AdaDelta, which has none. */
	Double learningRate();

	OptimizerSpec withDefaults();

	/**
	 * Plain stochastic gradient descent: {@code θ -= lr·g}.
	 *
	 * @param learningRate step size; default 0.01
	 */
	@Schema(name = "SgdOptimizer")
	record Sgd(@Positive @DecimalMax("10") Double learningRate) implements OptimizerSpec {

		@Override
		public Sgd withDefaults() {
			return new Sgd(orDefault(this.learningRate, 0.01));
		}

	}

	/**
	 * SGD with classical (heavy-ball) momentum, as PyTorch's {@code SGD(momentum=…)}:
	 * {@code v = μ·v + g; θ -= lr·v}.
	 *
	 * @param learningRate step size; default 0.01
	 * @param momentum μ, in [0, 1); default 0.9
	 */
	@Schema(name = "MomentumOptimizer")
	record Momentum(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum) implements OptimizerSpec {

		@Override
		public Momentum withDefaults() {
			return new Momentum(orDefault(this.learningRate, 0.01), orDefault(this.momentum, 0.9));
		}

	}

	/**
	 * SGD with Nesterov momentum (DL4J's {@code Nesterovs}).
	 *
	 * @param learningRate step size; default 0.01
	 * @param momentum in [0, 1); default 0.9
	 */
	@Schema(name = "NesterovOptimizer")
	record Nesterov(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum) implements OptimizerSpec {

		@Override
		public Nesterov withDefaults() {
			return new Nesterov(orDefault(this.learningRate, 0.01), orDefault(this.momentum, 0.9));
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
	@Schema(name = "AdamOptimizer")
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

	/**
	 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019): the decay shrinks
	 * the weights directly, {@code θ -= lr·weightDecay·θ}, instead of entering the
	 * gradient.
	 *
	 * @param learningRate step size; default 0.001
	 * @param beta1 in [0, 1); default 0.9
	 * @param beta2 in [0, 1); default 0.999
	 * @param epsilon default 1e-8
	 * @param weightDecay decoupled decay coefficient, in [0, 1]; default 0.01
	 */
	@Schema(name = "AdamWOptimizer")
	record AdamW(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
			@Positive @DecimalMax("1") Double epsilon,
			@DecimalMin("0") @DecimalMax("1") Double weightDecay) implements OptimizerSpec {

		@Override
		public AdamW withDefaults() {
			return new AdamW(orDefault(this.learningRate, 0.001), orDefault(this.beta1, 0.9),
					orDefault(this.beta2, 0.999), orDefault(this.epsilon, 1e-8), orDefault(this.weightDecay, 0.01));
		}

	}

	/**
	 * AMSGrad (Reddi et al., 2018): Adam with a non-decreasing second moment.
	 *
	 * @param learningRate default 0.001
	 * @param beta1 default 0.9
	 * @param beta2 default 0.999
	 * @param epsilon default 1e-8
	 */
	@Schema(name = "AmsGradOptimizer")
	record AmsGrad(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public AmsGrad withDefaults() {
			return new AmsGrad(orDefault(this.learningRate, 0.001), orDefault(this.beta1, 0.9),
					orDefault(this.beta2, 0.999), orDefault(this.epsilon, 1e-8));
		}

	}

	/**
	 * Nadam (Dozat, 2016): Adam with Nesterov momentum.
	 *
	 * @param learningRate default 0.001
	 * @param beta1 default 0.9
	 * @param beta2 default 0.999
	 * @param epsilon default 1e-8
	 */
	@Schema(name = "NadamOptimizer")
	record Nadam(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public Nadam withDefaults() {
			return new Nadam(orDefault(this.learningRate, 0.001), orDefault(this.beta1, 0.9),
					orDefault(this.beta2, 0.999), orDefault(this.epsilon, 1e-8));
		}

	}

	/**
	 * AdaMax (Kingma and Ba, 2015): Adam under the infinity norm.
	 *
	 * @param learningRate default 0.002
	 * @param beta1 default 0.9
	 * @param beta2 default 0.999
	 * @param epsilon default 1e-8
	 */
	@Schema(name = "AdaMaxOptimizer")
	record AdaMax(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public AdaMax withDefaults() {
			return new AdaMax(orDefault(this.learningRate, 0.002), orDefault(this.beta1, 0.9),
					orDefault(this.beta2, 0.999), orDefault(this.epsilon, 1e-8));
		}

	}

	/**
	 * RMSprop (Hinton): divides by a running root mean square of the gradient.
	 *
	 * @param learningRate default 0.001
	 * @param decay decay of the running mean square, in [0, 1); default 0.9
	 * @param epsilon default 1e-8
	 */
	@Schema(name = "RmsPropOptimizer")
	record RmsProp(@Positive @DecimalMax("10") Double learningRate,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double decay,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public RmsProp withDefaults() {
			return new RmsProp(orDefault(this.learningRate, 0.001), orDefault(this.decay, 0.9),
					orDefault(this.epsilon, 1e-8));
		}

	}

	/**
	 * AdaGrad (Duchi et al., 2011): divides by the root of all past squared gradients.
	 *
	 * @param learningRate default 0.01
	 * @param epsilon default 1e-10
	 */
	@Schema(name = "AdaGradOptimizer")
	record AdaGrad(@Positive @DecimalMax("10") Double learningRate,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public AdaGrad withDefaults() {
			return new AdaGrad(orDefault(this.learningRate, 0.01), orDefault(this.epsilon, 1e-10));
		}

	}

	/**
	 * AdaDelta (Zeiler, 2012): needs no learning rate, so schedules and rollback
	 * learning-rate decay do not apply to it.
	 *
	 * @param rho decay of the running averages, in [0, 1); default 0.95
	 * @param epsilon default 1e-6
	 */
	@Schema(name = "AdaDeltaOptimizer")
	record AdaDelta(@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double rho,
			@Positive @DecimalMax("1") Double epsilon) implements OptimizerSpec {

		@Override
		public Double learningRate() {
			return null;
		}

		@Override
		public AdaDelta withDefaults() {
			return new AdaDelta(orDefault(this.rho, 0.95), orDefault(this.epsilon, 1e-6));
		}

	}

	private static double orDefault(Double value, double fallback) {
		return value == null ? fallback : value;
	}

}
