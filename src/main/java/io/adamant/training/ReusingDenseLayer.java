package io.adamant.training;

import java.lang.reflect.Field;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
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
 * The arithmetic is DL4J's, in the same order, so the gradients are the same. Layer
 * normalisation and weight noise go to DL4J's own code. The configuration stays DL4J's
 * {@code DenseLayer}, so saved models do not depend on this class.
 */
final class ReusingDenseLayer extends DenseLayer {

	private static final Field LAYER_MAP = layerMapField();

	private final boolean inputGradientUnused;

	/** The training forward pass's pre-activation, until backpropagation consumes it. */
	private INDArray preActivation;

	/**
	 * Takes the place of {@code stock}, sharing its configuration, parameter and gradient
	 * views.
	 * @param inputGradientUnused whether nothing reads this layer's input gradient: true
	 * only for a network's first layer with no input preprocessor, in a network that is
	 * only fitted (DL4J's {@code calculateGradients} would return no input gradient)
	 */
	ReusingDenseLayer(DenseLayer stock, boolean inputGradientUnused) {
		super(stock.conf(), stock.params().dataType());
		this.inputGradientUnused = inputGradientUnused;
		setIndex(stock.getIndex());
		setListeners(stock.getListeners());
		setParamsViewArray(stock.params());
		setParamTable(stock.paramTable());
		if (stock.getGradientsViewArray() != null) {
			setBackpropGradientsViewArray(stock.getGradientsViewArray());
		}
		setIterationCount(stock.getIterationCount());
		setEpochCount(stock.getEpochCount());
	}

	/**
	 * Puts this layer in place of each of the network's own dense layers (top-level,
	 * exact class). Call it on networks that are fitted, not on those that give input
	 * gradients. It leaves the updater alone: its blocks read only configurations and the
	 * shared parameter views.
	 * @return how many layers are this class afterwards; none off the CPU, where it was
	 * not measured
	 */
	static int install(MultiLayerNetwork network) {
		if (Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
			return 0;
		}
		Layer[] layers = network.getLayers();
		int installed = 0;
		for (int index = 0; index < layers.length; index++) {
			Layer stock = layers[index];
			if (stock.getClass() == DenseLayer.class) {
				boolean first = index == 0 && network.getLayerWiseConfigurations().getInputPreProcess(0) == null;
				Layer replacement = new ReusingDenseLayer((DenseLayer) stock, first);
				layers[index] = replacement;
				layersByName(network).replaceAll((name, layer) -> (layer == stock) ? replacement : layer);
			}
			if (layers[index] instanceof ReusingDenseLayer) {
				installed++;
			}
		}
		return installed;
	}

	/** {@code MultiLayerNetwork.getLayer(String)}'s map, which has no setter. */
	@SuppressWarnings("unchecked")
	private static Map<String, Layer> layersByName(MultiLayerNetwork network) {
		try {
			return (Map<String, Layer>) LAYER_MAP.get(network);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("cannot read DL4J's layer map", ex);
		}
	}

	private static Field layerMapField() {
		try {
			Field field = MultiLayerNetwork.class.getDeclaredField("layerMap");
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("MultiLayerNetwork has no layerMap field", ex);
		}
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
		// activations
		// workspace, which stays open until backpropagation has finished
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
		INDArray delta = layerConf().getActivationFn().backprop(preOutput, epsilon).getFirst();
		if (this.maskArray != null) {
			applyMask(delta);
		}
		Gradient gradient = new DefaultGradient();
		if (hasBias()) {
			INDArray biasGradient = this.gradientViews.get(DefaultParamInitializer.BIAS_KEY);
			delta.sum(biasGradient, 0);
			gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
		}
		INDArray inputGradient = this.inputGradientUnused ? null : inputGradient(delta, workspaceMgr);
		INDArray weightGradient = this.gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
		Nd4j.gemm(this.input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
		gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
		this.weightNoiseParams.clear();
		return new Pair<>(gradient, inputGradient);
	}

	private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
		INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
		INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
				new long[] { weights.size(0), delta.size(0) }, 'f');
		return backpropDropOutIfPresent(weights.mmuli(delta.transpose(), inputGradient).transpose());
	}

	/** Layer normalisation and weight noise keep DL4J's path. */
	private boolean reusable() {
		return !hasLayerNorm() && layerConf().getWeightNoise() == null;
	}

}
