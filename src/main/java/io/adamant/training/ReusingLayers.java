package io.adamant.training;

import java.lang.reflect.Field;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Swaps DL4J's dense and output layers for {@link ReusingDenseLayer} and
 * {@link ReusingOutputLayer}, which skip work DL4J's training step computes twice or
 * throws away. The configuration stays DL4J's, so saved models do not depend on these
 * classes.
 */
final class ReusingLayers {

	private static final Field LAYER_MAP = layerMapField();

	private ReusingLayers() {
	}

	/**
	 * Puts the reusing layers in place of the network's own top-level dense and output
	 * layers (exact classes). Call it on networks that are fitted, not on those asked for
	 * input gradients. It leaves the updater alone: its blocks read only configurations
	 * and the shared parameter views.
	 * @return how many layers are reusing ones afterwards; none off the CPU, where they
	 * were not measured
	 */
	static int install(MultiLayerNetwork network) {
		if (Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
			return 0;
		}
		Layer[] layers = network.getLayers();
		int installed = 0;
		for (int index = 0; index < layers.length; index++) {
			Layer stock = layers[index];
			Layer replacement = replacement(network, index, stock);
			if (replacement != null) {
				layers[index] = replacement;
				layersByName(network).replaceAll((name, layer) -> (layer == stock) ? replacement : layer);
			}
			if (layers[index] instanceof ReusingDenseLayer || layers[index] instanceof ReusingOutputLayer) {
				installed++;
			}
		}
		return installed;
	}

	private static Layer replacement(MultiLayerNetwork network, int index, Layer stock) {
		if (stock.getClass() == DenseLayer.class) {
			// DL4J drops the first layer's input gradient, unless a preprocessor needs it
			boolean first = index == 0 && network.getLayerWiseConfigurations().getInputPreProcess(0) == null;
			return new ReusingDenseLayer((DenseLayer) stock, first);
		}
		if (stock.getClass() == OutputLayer.class) {
			return new ReusingOutputLayer((OutputLayer) stock);
		}
		return null;
	}

	/**
	 * Gives {@code replacement}, built on {@code stock}'s configuration, the rest of
	 * {@code stock}'s state: its place, listeners, counters and parameter and gradient
	 * views.
	 */
	static void takeOver(Layer stock, Layer replacement) {
		replacement.setIndex(stock.getIndex());
		replacement.setListeners(stock.getListeners());
		replacement.setParamsViewArray(stock.params());
		replacement.setParamTable(stock.paramTable());
		if (stock.getGradientsViewArray() != null) {
			replacement.setBackpropGradientsViewArray(stock.getGradientsViewArray());
		}
		replacement.setIterationCount(stock.getIterationCount());
		replacement.setEpochCount(stock.getEpochCount());
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

}
