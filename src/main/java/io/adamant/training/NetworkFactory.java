package io.adamant.training;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.job.Activation;
import io.adamant.job.ClippingSpec;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Turns a job spec into a DL4J network configuration for a dataset. */
final class NetworkFactory {

	private NetworkFactory() {
	}

	/**
	 * @param iterationsPerEpoch optimizer steps per epoch, which learning-rate schedules
	 * count in
	 */
	static MultiLayerConfiguration configure(JobSpec spec, DatasetInfo dataset, int iterationsPerEpoch) {
		NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder().seed(spec.training().seed())
			.dataType(DataType.FLOAT)
			.weightInit(WeightInit.XAVIER)
			.updater(updater(spec, iterationsPerEpoch))
			.trainingWorkspaceMode(WorkspaceMode.ENABLED)
			.inferenceWorkspaceMode(WorkspaceMode.ENABLED);
		regularization(builder, spec);
		clipping(builder, spec.clipping());
		NeuralNetConfiguration.ListBuilder layers = builder.list();
		int inputs = dataset.features();
		ModelSpec.Mlp mlp = (ModelSpec.Mlp) spec.model();
		for (ModelSpec.DenseLayer hidden : mlp.hiddenLayers()) {
			layers.layer(new DenseLayer.Builder().nIn(inputs)
				.nOut(hidden.units())
				.activation(activation(hidden.activation()))
				.build());
			inputs = hidden.units();
		}
		layers.layer(outputLayer(dataset, inputs));
		return layers.build();
	}

	/**
	 * The learning-rate schedule a job trains with; {@code null} for optimizers without a
	 * rate.
	 */
	static LearningRateSchedule schedule(JobSpec spec, int iterationsPerEpoch) {
		Double baseRate = spec.optimizer().learningRate();
		return baseRate == null ? null
				: LearningRateSchedule.of(spec.schedule(), baseRate, iterationsPerEpoch, spec.training().epochs());
	}

	private static OutputLayer outputLayer(DatasetInfo dataset, int inputs) {
		boolean classification = dataset.task() == DatasetTask.CLASSIFICATION;
		return new OutputLayer.Builder(
				classification ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE)
			.nIn(inputs)
			.nOut(dataset.outputs())
			.activation(classification ? org.nd4j.linalg.activations.Activation.SOFTMAX
					: org.nd4j.linalg.activations.Activation.IDENTITY)
			.build();
	}

	private static IUpdater updater(JobSpec spec, int iterationsPerEpoch) {
		IUpdater updater = baseUpdater(spec.optimizer());
		LearningRateSchedule schedule = schedule(spec, iterationsPerEpoch);
		if (schedule != null) {
			updater.setLrAndSchedule(spec.optimizer().learningRate(), schedule);
		}
		return updater;
	}

	static IUpdater baseUpdater(OptimizerSpec optimizer) {
		if (optimizer instanceof OptimizerSpec.Sgd sgd) {
			return new Sgd(sgd.learningRate());
		}
		if (optimizer instanceof OptimizerSpec.Momentum m) {
			return new Momentum(m.learningRate(), m.momentum());
		}
		if (optimizer instanceof OptimizerSpec.Nesterov n) {
			return new Nesterovs(n.learningRate(), n.momentum());
		}
		if (optimizer instanceof OptimizerSpec.Adam a) {
			return new Adam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.AdamW a) {
			// the decoupled decay is added in regularization()
			return new Adam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.AmsGrad a) {
			return new AMSGrad(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.Nadam a) {
			return new Nadam(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.AdaMax a) {
			return new AdaMax(a.learningRate(), a.beta1(), a.beta2(), a.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.RmsProp r) {
			return new RmsProp(r.learningRate(), r.decay(), r.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.AdaGrad a) {
			return new AdaGrad(a.learningRate(), a.epsilon());
		}
		OptimizerSpec.AdaDelta a = (OptimizerSpec.AdaDelta) optimizer;
		return new AdaDelta(a.rho(), a.epsilon());
	}

	/**
	 * Coupled L2 enters the gradient; decoupled weight decay (AdamW's, plus any asked
	 * for) shrinks the weights after the optimizer's step, scaled by the learning rate.
	 */
	private static void regularization(NeuralNetConfiguration.Builder builder, JobSpec spec) {
		double decoupled = spec.regularization().weightDecay();
		if (spec.optimizer() instanceof OptimizerSpec.AdamW adamW) {
			decoupled += adamW.weightDecay();
		}
		if (spec.regularization().l2() > 0) {
			builder.l2(spec.regularization().l2());
		}
		if (decoupled > 0) {
			builder.weightDecay(decoupled, true);
		}
	}

	/**
	 * DL4J's own modes; global-norm clipping happens in {@link TrainingMonitor} instead.
	 */
	private static void clipping(NeuralNetConfiguration.Builder builder, ClippingSpec clipping) {
		if (clipping instanceof ClippingSpec.Value value) {
			dl4j(builder, GradientNormalization.ClipElementWiseAbsoluteValue, value.threshold());
		}
		else if (clipping instanceof ClippingSpec.L2PerLayer perLayer) {
			dl4j(builder, GradientNormalization.ClipL2PerLayer, perLayer.threshold());
		}
		else if (clipping instanceof ClippingSpec.L2PerParamType perParam) {
			dl4j(builder, GradientNormalization.ClipL2PerParamType, perParam.threshold());
		}
		else if (clipping instanceof ClippingSpec.RenormalizeL2PerLayer) {
			dl4j(builder, GradientNormalization.RenormalizeL2PerLayer, 1);
		}
		else if (clipping instanceof ClippingSpec.RenormalizeL2PerParamType) {
			dl4j(builder, GradientNormalization.RenormalizeL2PerParamType, 1);
		}
		else {
			builder.gradientNormalization(GradientNormalization.None);
		}
	}

	private static void dl4j(NeuralNetConfiguration.Builder builder, GradientNormalization mode, double threshold) {
		builder.gradientNormalization(mode).gradientNormalizationThreshold(threshold);
	}

	static org.nd4j.linalg.activations.Activation activation(Activation activation) {
		return switch (activation) {
			case RELU -> org.nd4j.linalg.activations.Activation.RELU;
			case LEAKY_RELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU;
			case ELU -> org.nd4j.linalg.activations.Activation.ELU;
			case GELU -> org.nd4j.linalg.activations.Activation.GELU;
			case SWISH -> org.nd4j.linalg.activations.Activation.SWISH;
			case TANH -> org.nd4j.linalg.activations.Activation.TANH;
			case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
			case SOFTPLUS -> org.nd4j.linalg.activations.Activation.SOFTPLUS;
			case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
		};
	}

}
