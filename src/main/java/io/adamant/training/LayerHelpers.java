package io.adamant.training;

import java.lang.reflect.Field;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Puts Adamant's faster paths into DL4J's own layers where DL4J found no helper of its
 * own (no cuDNN, no oneDNN: always, with 1.0.0-M2.1 on the CPU):
 * {@link ContiguousConvolution} into 2-D convolutions, {@link ContiguousLstm} into LSTMs.
 * DL4J keeps a layer's helper in a protected field with no setter, hence the reflection;
 * the layers' fallback rules stay DL4J's.
 */
final class LayerHelpers {

	private static final Field CONVOLUTION_HELPER = helperField(ConvolutionLayer.class);

	private static final Field LSTM_HELPER = helperField(LSTM.class);

	private LayerHelpers() {
	}

	/**
	 * @return how many layers got a helper; none on other backends than the CPU, where
	 * they were not measured
	 */
	static int install(MultiLayerNetwork network) {
		if (!"CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))) {
			return 0;
		}
		int installed = 0;
		for (Layer layer : network.getLayers()) {
			Layer inner = unwrapped(layer);
			if (inner.getHelper() != null) {
				continue;
			}
			// exact classes: subclasses (depthwise, separable, deconvolution) have other
			// weight layouts
			if (inner.getClass() == ConvolutionLayer.class) {
				set(CONVOLUTION_HELPER, inner, new ContiguousConvolution());
				installed++;
			}
			else if (inner.getClass() == LSTM.class) {
				set(LSTM_HELPER, inner, new ContiguousLstm());
				installed++;
			}
		}
		return installed;
	}

	/** The layer inside wrappers such as {@code LastTimeStep}. */
	private static Layer unwrapped(Layer layer) {
		Layer inner = layer;
		while (inner instanceof BaseWrapperLayer wrapper) {
			inner = wrapper.getUnderlying();
		}
		return inner;
	}

	private static void set(Field field, Layer layer, Object helper) {
		try {
			field.set(layer, helper);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("cannot set DL4J's layer helper", ex);
		}
	}

	private static Field helperField(Class<?> layerClass) {
		try {
			Field field = layerClass.getDeclaredField("helper");
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(layerClass.getName() + " has no helper field", ex);
		}
	}

}
