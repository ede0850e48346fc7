package io.adamant.training;

import java.util.List;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.job.Activation;
import io.adamant.job.ClippingSpec;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
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

/**
 * Turns a job spec into a DL4J network configuration for a dataset. Layer input sizes are
 * inferred by DL4J from the dataset's input type, which also inserts the reshaping
 * between convolutional and dense layers.
 */
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
			.weightInit(weightInit(spec.model().weightInit()))
			.updater(updater(spec, iterationsPerEpoch))
			.trainingWorkspaceMode(WorkspaceMode.ENABLED)
			.inferenceWorkspaceMode(WorkspaceMode.ENABLED);
		regularization(builder, spec);
		clipping(builder, spec.clipping());
		ModelSpec model = spec.model();
		if (model instanceof ModelSpec.Cnn) {
			// backprop reuses the forward pass's pre-activations instead of computing
			// them again: 1.15 - 1.3x on the seed ConvNet. The MLPs and the LSTM measured
			// within noise, so they keep DL4J's default.
			builder.cacheMode(CacheMode.DEVICE);
		}
		NeuralNetConfiguration.ListBuilder layers = builder.list();
		if (model instanceof ModelSpec.Cnn cnn) {
			convolutions(layers, cnn);
			dense(layers, cnn.denseLayers());
			layers.layer(outputLayer(dataset, false));
			layers.setInputType(InputType.convolutionalFlat(dataset.shape().get(1), dataset.shape().get(2),
					dataset.shape().get(0)));
		}
		else if (model instanceof ModelSpec.Rnn rnn) {
			recurrent(layers, rnn);
			layers.layer(outputLayer(dataset, rnn.output() == ModelSpec.RnnOutput.PER_STEP));
			layers.setInputType(InputType.recurrent(dataset.shape().get(0), dataset.shape().get(1)));
		}
		else {
			dense(layers, ((ModelSpec.Mlp) model).hiddenLayers());
			layers.layer(outputLayer(dataset, false));
			layers.setInputType(InputType.feedForward(dataset.features()));
		}
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

	/** Parameters the configured network has, counted without allocating them. */
	static long parameterCount(MultiLayerConfiguration configuration) {
		long count = 0;
		for (int i = 0; i < configuration.getConfs().size(); i++) {
			NeuralNetConfiguration layer = configuration.getConf(i);
			count += layer.getLayer().initializer().numParams(layer);
		}
		return count;
	}

	private static void dense(NeuralNetConfiguration.ListBuilder layers, List<ModelSpec.DenseLayer> dense) {
		for (ModelSpec.DenseLayer hidden : dense) {
			DenseLayer.Builder layer = new DenseLayer.Builder().nOut(hidden.units());
			if (hidden.dropout() > 0) {
				// DL4J's dropOut is the probability of keeping an input
				layer.dropOut(1 - hidden.dropout());
			}
			addWithActivation(layers, layer, hidden.activation(), hidden.batchNorm());
		}
	}

	private static void convolutions(NeuralNetConfiguration.ListBuilder layers, ModelSpec.Cnn cnn) {
		for (ModelSpec.ConvBlock block : cnn.convolutions()) {
			ConvolutionLayer.Builder convolution = new ConvolutionLayer.Builder(block.kernel(), block.kernel())
				.stride(block.stride(), block.stride())
				.padding(block.padding(), block.padding())
				.nOut(block.filters());
			addWithActivation(layers, convolution, block.activation(), block.batchNorm());
			ModelSpec.Pooling pooling = block.pooling();
			if (pooling != null) {
				layers.layer(new SubsamplingLayer.Builder(pooling.type() == ModelSpec.PoolingType.MAX
						? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
					.kernelSize(pooling.size(), pooling.size())
					.stride(pooling.stride(), pooling.stride())
					.build());
			}
		}
	}

	/**
	 * Adds a layer with its activation; with batch normalisation the layer stays linear,
	 * the normalisation follows, then the activation.
	 */
	private static void addWithActivation(NeuralNetConfiguration.ListBuilder layers, BaseLayer.Builder<?> layer,
			Activation activation, boolean batchNorm) {
		if (!batchNorm) {
			layers.layer(layer.activation(activation(activation)).build());
			return;
		}
		layers.layer(layer.activation(org.nd4j.linalg.activations.Activation.IDENTITY).build());
		layers.layer(new BatchNormalization.Builder().build());
		layers.layer(new ActivationLayer.Builder().activation(activation(activation)).build());
	}

	private static void recurrent(NeuralNetConfiguration.ListBuilder layers, ModelSpec.Rnn rnn) {
		List<ModelSpec.RecurrentLayer> recurrent = rnn.layers();
		for (int i = 0; i < recurrent.size(); i++) {
			ModelSpec.RecurrentLayer spec = recurrent.get(i);
			Layer layer = rnn.cell() == ModelSpec.Cell.LSTM
					? new LSTM.Builder().nOut(spec.units()).activation(activation(spec.activation())).build()
					: new SimpleRnn.Builder().nOut(spec.units()).activation(activation(spec.activation())).build();
			boolean last = i == recurrent.size() - 1;
			layers.layer(last && rnn.output() == ModelSpec.RnnOutput.LAST_STEP ? new LastTimeStep(layer) : layer);
		}
	}

	private static Layer outputLayer(DatasetInfo dataset, boolean perStep) {
		boolean classification = dataset.task() == DatasetTask.CLASSIFICATION;
		LossFunctions.LossFunction loss = classification ? LossFunctions.LossFunction.MCXENT
				: LossFunctions.LossFunction.MSE;
		org.nd4j.linalg.activations.Activation activation = classification
				? org.nd4j.linalg.activations.Activation.SOFTMAX : org.nd4j.linalg.activations.Activation.IDENTITY;
		if (perStep) {
			return new RnnOutputLayer.Builder(loss).nOut(dataset.outputs()).activation(activation).build();
		}
		return new OutputLayer.Builder(loss).nOut(dataset.outputs()).activation(activation).build();
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

	private static WeightInit weightInit(ModelSpec.WeightInit init) {
		return switch (init) {
			case XAVIER -> WeightInit.XAVIER;
			case XAVIER_UNIFORM -> WeightInit.XAVIER_UNIFORM;
			case HE -> WeightInit.RELU;
			case HE_UNIFORM -> WeightInit.RELU_UNIFORM;
			case LECUN_NORMAL -> WeightInit.LECUN_NORMAL;
		};
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
