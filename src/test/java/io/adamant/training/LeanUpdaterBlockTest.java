package io.adamant.training;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LeanUpdaterBlock} must update exactly as DL4J's block does, regularisation
 * included, and skip only passes with nothing to apply.
 */
class LeanUpdaterBlockTest {

	@Test
	void updatesAsDl4jDoesWithAndWithoutRegularisation() {
		for (IUpdater updater : new IUpdater[] { new Sgd(0.05), new Adam(0.01) }) {
			// L2 acts before the updater, weight decay after it; the first layer has
			// neither
			MultiLayerNetwork stock = network(updater);
			MultiLayerNetwork lean = network(updater);
			int blocks = blocks(stock).size();
			assertThat(LeanUpdaterBlock.install(lean)).isEqualTo(blocks).isPositive();
			trainSideBySide(stock, lean, 15);
			assertThat(lean.params()).as("%s", updater).isEqualTo(stock.params());
			assertThat(lean.getUpdater().getStateViewArray()).isEqualTo(stock.getUpdater().getStateViewArray());
		}
	}

	@Test
	void aLearningRateChangeNeedsAnotherInstall() {
		MultiLayerNetwork stock = network(new Adam(0.01));
		MultiLayerNetwork lean = network(new Adam(0.01));
		LeanUpdaterBlock.install(lean);
		trainSideBySide(stock, lean, 3);
		stock.setLearningRate(0.002);
		lean.setLearningRate(0.002);
		assertThat(blocks(lean)).allMatch(block -> block.getClass() == UpdaterBlock.class);
		assertThat(LeanUpdaterBlock.install(lean)).isEqualTo(blocks(lean).size());
		assertThat(LeanUpdaterBlock.install(lean)).as("a second install changes nothing")
			.isEqualTo(blocks(lean).size());
		trainSideBySide(stock, lean, 3);
		assertThat(lean.params()).isEqualTo(stock.params());
	}

	private static void trainSideBySide(MultiLayerNetwork stock, MultiLayerNetwork lean, int steps) {
		Nd4j.getRandom().setSeed(3);
		INDArray features = Nd4j.randn(DataType.FLOAT, 16, 8);
		INDArray labels = Nd4j.randn(DataType.FLOAT, 16, 3);
		for (int step = 0; step < steps; step++) {
			stock.fit(features, labels);
			lean.fit(features, labels);
		}
	}

	private static java.util.List<UpdaterBlock> blocks(MultiLayerNetwork network) {
		return ((BaseMultiLayerUpdater<?>) network.getUpdater()).getUpdaterBlocks();
	}

	private static MultiLayerNetwork network(IUpdater updater) {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
			.dataType(DataType.FLOAT)
			.updater(updater)
			.list()
			.layer(new DenseLayer.Builder().nOut(10).activation(Activation.TANH).build())
			.layer(new DenseLayer.Builder().nOut(10).activation(Activation.TANH).l2(0.05).build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
				.activation(Activation.IDENTITY)
				.weightDecay(0.1)
				.build())
			.setInputType(InputType.feedForward(8))
			.build());
		network.init();
		return network;
	}

}
