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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Turns a job spec into a DL4J network configuration for a dataset. */
final class NetworkFactory {

	private NetworkFactory() {
	}

	static MultiLayerConfiguration configure(JobSpec spec, DatasetInfo dataset) {
		NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder().seed(spec.training().seed())
			.dataType(DataType.FLOAT)
			.weightInit(WeightInit.XAVIER)
			.updater(updater(spec.optimizer()))
			.trainingWorkspaceMode(WorkspaceMode.ENABLED)
			.inferenceWorkspaceMode(WorkspaceMode.ENABLED);
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

	static IUpdater updater(OptimizerSpec optimizer) {
		if (optimizer instanceof OptimizerSpec.Adam adam) {
			return new Adam(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
		}
		if (optimizer instanceof OptimizerSpec.Sgd sgd) {
			return new Sgd(sgd.learningRate());
		}
		throw new IllegalArgumentException("Unsupported optimizer " + optimizer);
	}

	private static void clipping(NeuralNetConfiguration.Builder builder, ClippingSpec clipping) {
		if (clipping instanceof ClippingSpec.Value value) {
			builder.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
				.gradientNormalizationThreshold(value.threshold());
		}
		else if (clipping instanceof ClippingSpec.L2PerLayer perLayer) {
			builder.gradientNormalization(GradientNormalization.ClipL2PerLayer)
				.gradientNormalizationThreshold(perLayer.threshold());
		}
		else {
			builder.gradientNormalization(GradientNormalization.None);
		}
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
