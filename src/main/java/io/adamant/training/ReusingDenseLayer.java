package io.adamant.training;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer without two pieces of work its training step throws away.
 * <ul>
 * <li>DL4J's {@code BaseLayer.backpropGradient} computes the pre-activation
 * {@code input·W + b} again, although the forward pass just computed it: a second copy of
 * the layer's largest GEMM in every step. This layer keeps the forward pass's
 * pre-activation (one array copy) and backpropagates from it.</li>
 * <li>The first layer's input gradient ({@code delta·Wᵀ}, a GEMM as large as the forward
 * one) is computed and then dropped by {@code MultiLayerNetwork.calcBackpropGradients}
 * when it fits. Built with {@code inputGradientUnused}, this layer returns none.</li>
 * </ul>
 * The pre-output stays DL4J's: a GEMM straight into its 'c'-order array saved a tenth of
 * a batch-1024 step, but OpenBLAS then multiplies the transposed problem, whose float
 * sums come out differently on AMD EPYC. It computes a plain ReLU's gradient
 * ({@link ReluGradient}) and the bias gradient ({@link ColumnSums}) in Java. The
 * arithmetic is DL4J's, in the same order, so the gradients are the same. Layer
 * normalisation and weight noise go to DL4J's own code. The configuration stays DL4J's
 * {@code DenseLayer}, so saved models do not depend on this class.
 */
final class ReusingDenseLayer extends DenseLayer {

	private final boolean inputGradientUnused;

	private final ReluGradient reluGradient = new ReluGradient();

	private final ColumnSums columnSums = new ColumnSums();

	/** The training forward pass's pre-activation, until backpropagation consumes it. */
	private INDArray preActivation;

	/**
	 * Takes the place of {@code stock} ({@link ReusingLayers#install}).
	 * @param inputGradientUnused whether nothing reads this layer's input gradient: true
	 * only for a network's first layer with no input preprocessor, in a network that is
	 * only fitted (DL4J's {@code calculateGradients} would return no input gradient)
	 */
	ReusingDenseLayer(DenseLayer stock, boolean inputGradientUnused) {
		super(stock.conf(), stock.params().dataType());
		this.inputGradientUnused = inputGradientUnused;
		ReusingLayers.takeOver(stock, this);
	}

	@Override
	public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
		this.preActivation = null;
		super.setInput(input, workspaceMgr);
	}

	@Override
	public void clear() {
		this.preActivation = null;
		super.clear();
	}

	@Override
	public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
		this.preActivation = null;
		if (!training || !reusable()) {
			return super.activate(training, workspaceMgr);
		}
		INDArray preOutput = preOutput(true, workspaceMgr);
		// activation functions overwrite their argument; the copy lives in the
		// activations workspace, open until backpropagation has finished
		this.preActivation = workspaceMgr.dup(ArrayType.ACTIVATIONS, preOutput);
		INDArray activation = layerConf().getActivationFn().getActivation(preOutput, true);
		if (this.maskArray != null) {
			applyMask(activation);
		}
		return activation;
	}

	@Override
	public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
		INDArray preOutput = this.preActivation;
		this.preActivation = null;
		if (preOutput == null) {
			return super.backpropGradient(epsilon, workspaceMgr);
		}
		assertInputSet(true);
		// from here on DL4J's BaseLayer.backpropGradient, less the recomputed pre-output
		INDArray delta = activationGradient(preOutput, epsilon);
		if (this.maskArray != null) {
			applyMask(delta);
		}
		Gradient gradient = new DefaultGradient();
		if (hasBias()) {
			INDArray biasGradient = this.gradientViews.get(DefaultParamInitializer.BIAS_KEY);
			if (!this.columnSums.sumInto(delta, biasGradient)) {
				delta.sum(biasGradient, 0);
			}
			gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
		}
		INDArray inputGradient = this.inputGradientUnused ? null : inputGradient(delta, workspaceMgr);
		INDArray weightGradient = this.gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
		Nd4j.gemm(this.input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
		gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
		this.weightNoiseParams.clear();
		return new Pair<>(gradient, inputGradient);
	}

	/** DL4J's activation backprop, with a plain ReLU's in Java ({@link ReluGradient}). */
	private INDArray activationGradient(INDArray preOutput, INDArray epsilon) {
		IActivation activation = layerConf().getActivationFn();
		if (ReluGradient.isPlainRelu(activation) && this.reluGradient.applyInPlace(preOutput, epsilon)) {
			return preOutput;
		}
		return activation.backprop(preOutput, epsilon).getFirst();
	}

	private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
		INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
		INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
				new long[] { weights.size(0), delta.size(0) }, 'f');
		return backpropDropOutIfPresent(weights.mmuli(delta.transpose(), inputGradient).transpose());
	}

	/** Layer normalisation and weight noise keep DL4J's paths. */
	private boolean reusable() {
		return !hasLayerNorm() && layerConf().getWeightNoise() == null;
	}

}
