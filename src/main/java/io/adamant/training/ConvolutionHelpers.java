package io.adamant.training;

import java.lang.reflect.Field;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Puts {@link ContiguousConvolution} into a network's 2-D convolution layers where DL4J
 * found no helper of its own (no cuDNN, no oneDNN: always, with 1.0.0-M2.1 on the CPU).
 * DL4J keeps the helper in a protected field with no setter, hence the reflection; the
 * layer's fallback rules stay DL4J's.
 */
final class ConvolutionHelpers {

	private static final Field HELPER = helperField();

	private ConvolutionHelpers() {
	}

	/**
	 * @return how many layers got the helper; none on other backends than the CPU, where
	 * it was not measured
	 */
	static int install(MultiLayerNetwork network) {
		if (!"CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))) {
			return 0;
		}
		int installed = 0;
		for (Layer layer : network.getLayers()) {
			// subclasses (depthwise, separable, deconvolution) have other weight layouts
			if (layer.getClass() == ConvolutionLayer.class && layer.getHelper() == null) {
				set(layer, new ContiguousConvolution());
				installed++;
			}
		}
		return installed;
	}

	private static void set(Layer layer, ConvolutionHelper helper) {
		try {
			HELPER.set(layer, helper);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("cannot set DL4J's convolution helper", ex);
		}
	}

	private static Field helperField() {
		try {
			Field field = ConvolutionLayer.class.getDeclaredField("helper");
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("DL4J's ConvolutionLayer has no helper field", ex);
		}
	}

}
