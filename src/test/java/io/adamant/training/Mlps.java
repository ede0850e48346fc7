package io.adamant.training;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Plain DL4J classifiers for tests and benchmarks: dense layers, a softmax output. */
final class Mlps {

	private Mlps() {
	}

	/**
	 * An initialised network of the given widths, input first: {@code hidden} on the
	 * dense layers, softmax with cross-entropy on the last.
	 */
	static MultiLayerNetwork of(long seed, DataType type, IUpdater updater, Activation hidden, int... widths) {
		NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(seed)
			.dataType(type)
			.updater(updater)
			.list();
		for (int i = 0; i < widths.length - 2; i++) {
			layers.layer(new DenseLayer.Builder().nIn(widths[i]).nOut(widths[i + 1]).activation(hidden).build());
		}
		layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(widths[widths.length - 2])
			.nOut(widths[widths.length - 1])
			.activation(Activation.SOFTMAX)
			.build());
		MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
		network.init();
		return network;
	}

}
