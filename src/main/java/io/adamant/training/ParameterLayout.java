package io.adamant.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where each parameter array (a layer's weights, its biases, …) lies in the network's
 * flattened gradient and parameter vectors: contiguous segments, so one pass over a
 * flattened vector yields every per-parameter, per-layer and global norm at once.
 *
 * @param layers the trainable layers, in network order
 * @param gradientSegments each parameter's gradient view
 * @param paramSegments each parameter's view, in the same order
 * @param layerOfSegment which trainable layer (position) each segment belongs to
 */
record ParameterLayout(List<TrainableLayer> layers, List<INDArray> gradientSegments, List<INDArray> paramSegments,
		int[] layerOfSegment) {

	/**
	 * @param position among the trainable layers
	 * @param index in the network, counting layers without parameters too
	 * @param name what it is, e.g. {@code dense 4→16}
	 * @param parameters its parameter count
	 */
	record TrainableLayer(int position, int index, String name, long parameters) {
	}

	static ParameterLayout of(MultiLayerNetwork network) {
		List<TrainableLayer> layers = new ArrayList<>();
		List<INDArray> gradients = new ArrayList<>();
		List<INDArray> params = new ArrayList<>();
		List<Integer> owners = new ArrayList<>();
		Layer[] networkLayers = network.getLayers();
		for (int i = 0; i < networkLayers.length; i++) {
			Layer layer = networkLayers[i];
			if (layer.numParams() == 0) {
				continue;
			}
			int position = layers.size();
			layers.add(new TrainableLayer(position, i, describe(layer), layer.numParams()));
			Map<String, INDArray> gradientViews = layer.conf()
				.getLayer()
				.initializer()
				.getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
			Map<String, INDArray> paramViews = layer.paramTable();
			for (Map.Entry<String, INDArray> param : paramViews.entrySet()) {
				params.add(param.getValue());
				gradients.add(gradientViews.get(param.getKey()));
				owners.add(position);
			}
		}
		return new ParameterLayout(List.copyOf(layers), List.copyOf(gradients), List.copyOf(params),
				owners.stream().mapToInt(Integer::intValue).toArray());
	}

	int segments() {
		return this.layerOfSegment.length;
	}

	/** Sums per-segment values into {@code perLayer}, which it returns. */
	double[] perLayer(double[] perSegment, double[] perLayer) {
		java.util.Arrays.fill(perLayer, 0);
		for (int s = 0; s < perSegment.length; s++) {
			perLayer[this.layerOfSegment[s]] += perSegment[s];
		}
		return perLayer;
	}

	private static String describe(Layer layer) {
		org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
		String type = conf.getClass().getSimpleName().replace("Layer", "").toLowerCase(java.util.Locale.ROOT);
		if (conf instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer feedForward) {
			return "%s %d→%d".formatted(type.isEmpty() ? "layer" : type, feedForward.getNIn(), feedForward.getNOut());
		}
		return type;
	}

}
