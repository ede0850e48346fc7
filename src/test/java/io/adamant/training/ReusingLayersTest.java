package io.adamant.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReusingDenseLayer} and {@link ReusingOutputLayer} must train exactly as DL4J's
 * layers do: the same arithmetic on the same arrays, so the same parameters and scores
 * bit for bit.
 */
class ReusingLayersTest {

	private static final int BATCH = 16;

	@Test
	void trainsToDl4jsParametersUnderEachActivation() {
		for (Activation hidden : new Activation[] { Activation.RELU, Activation.TANH, Activation.SIGMOID }) {
			for (DataType type : new DataType[] { DataType.FLOAT, DataType.DOUBLE }) {
				MultiLayerNetwork stock = Mlps.of(5, type, new Adam(0.01), hidden, 12, 40, 30, 4);
				MultiLayerNetwork reusing = Mlps.of(5, type, new Adam(0.01), hidden, 12, 40, 30, 4);
				assertThat(ReusingLayers.install(reusing)).isEqualTo(3);
				trainSideBySide(stock, reusing, 12, 20);
				assertThat(reusing.params()).as("%s, %s", hidden, type).isEqualTo(stock.params());
				assertThat(reusing.params())
					.isNotEqualTo(Mlps.of(5, type, new Adam(0.01), hidden, 12, 40, 30, 4).params());
			}
		}
	}

	@Test
	void scoresARegressionAsDl4jDoes() {
		MultiLayerNetwork stock = regression();
		MultiLayerNetwork reusing = regression();
		assertThat(ReusingLayers.install(reusing)).isEqualTo(2);
		assertThat(reusing.getOutputLayer()).isInstanceOf(ReusingOutputLayer.class);
		trainSideBySide(stock, reusing, 12, 15);
		assertThat(reusing.params()).isEqualTo(stock.params());
		// outside fitting, the score is computed afresh
		INDArray other = Nd4j.rand(DataType.FLOAT, BATCH, 12);
		assertThat(reusing.score(new org.nd4j.linalg.dataset.DataSet(other, labels(DataType.FLOAT))))
			.isEqualTo(stock.score(new org.nd4j.linalg.dataset.DataSet(other, labels(DataType.FLOAT))));
	}

	@Test
	void trainsToDl4jsParametersWithDropout() {
		MultiLayerNetwork stock = withDropout();
		MultiLayerNetwork reusing = withDropout();
		ReusingLayers.install(reusing);
		// dropout draws from the global generator: each network gets the same draws
		for (int step = 0; step < 10; step++) {
			Nd4j.getRandom().setSeed(100 + step);
			stock.fit(features(DataType.FLOAT, 12), labels(DataType.FLOAT));
			Nd4j.getRandom().setSeed(100 + step);
			reusing.fit(features(DataType.FLOAT, 12), labels(DataType.FLOAT));
		}
		assertThat(reusing.params()).isEqualTo(stock.params());
	}

	@Test
	void onlyTheFirstLayerWithoutPreprocessorDropsItsInputGradient() {
		MultiLayerNetwork network = Mlps.of(5, DataType.FLOAT, new Adam(0.01), Activation.TANH, 12, 40, 30, 4);
		MultiLayerNetwork stock = Mlps.of(5, DataType.FLOAT, new Adam(0.01), Activation.TANH, 12, 40, 30, 4);
		ReusingLayers.install(network);
		// DL4J makes the gradient views on the first fit; these layers are called
		// directly
		network.initGradientsView();
		stock.initGradientsView();
		INDArray features = features(DataType.FLOAT, 12);
		LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
		Layer first = network.getLayer(0);
		INDArray epsilon = Nd4j.rand(DataType.FLOAT, BATCH, 40);
		first.activate(features, true, noWorkspaces);
		assertThat(first.backpropGradient(epsilon, noWorkspaces).getSecond()).isNull();

		INDArray hidden = stock.getLayer(0).activate(features, false, noWorkspaces);
		INDArray below = Nd4j.rand(DataType.FLOAT, BATCH, 30);
		network.getLayer(1).activate(hidden, true, noWorkspaces);
		stock.getLayer(1).activate(hidden, true, noWorkspaces);
		assertThat(network.getLayer(1).backpropGradient(below.dup(), noWorkspaces).getSecond())
			.isEqualTo(stock.getLayer(1).backpropGradient(below.dup(), noWorkspaces).getSecond());
	}

	@Test
	void aFirstLayerBehindAPreprocessorKeepsItsInputGradient() {
		// image input: DL4J puts a CNN-to-dense preprocessor before the first layer,
		// whose
		// backprop needs that layer's input gradient
		MultiLayerNetwork stock = imageMlp();
		MultiLayerNetwork reusing = imageMlp();
		assertThat(reusing.getLayerWiseConfigurations().getInputPreProcess(0)).isNotNull();
		assertThat(ReusingLayers.install(reusing)).isEqualTo(2);
		Nd4j.getRandom().setSeed(3);
		trainSideBySide(stock, reusing, Nd4j.randn(DataType.FLOAT, BATCH, 2, 3, 3), 5);
		assertThat(reusing.params()).isEqualTo(stock.params());
	}

	@Test
	void takesOverARestoredNetworkWithItsUpdaterAndLeavesTheSavedModelStock() throws IOException {
		MultiLayerNetwork original = Mlps.of(9, DataType.FLOAT, new Nesterovs(0.05, 0.9), Activation.RELU, 12, 40, 4);
		trainSideBySide(original, Mlps.of(9, DataType.FLOAT, new Nesterovs(0.05, 0.9), Activation.RELU, 12, 40, 4), 12,
				5);
		byte[] saved = saved(original);
		MultiLayerNetwork stock = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved), true);
		MultiLayerNetwork reusing = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved), true);
		Layer before = reusing.getLayer(0);
		assertThat(ReusingLayers.install(reusing)).isEqualTo(2);
		assertThat(ReusingLayers.install(reusing)).as("a second install changes nothing").isEqualTo(2);
		assertThat(reusing.getLayer(0)).isInstanceOf(ReusingDenseLayer.class).isNotSameAs(before);
		assertThat(reusing.getLayer(reusing.getLayerNames().get(0))).isSameAs(reusing.getLayer(0));
		trainSideBySide(stock, reusing, 12, 10);
		assertThat(reusing.params()).isEqualTo(stock.params());
		assertThat(reusing.getUpdater().getStateViewArray()).isEqualTo(stock.getUpdater().getStateViewArray());
		assertThat(reusing.getLayerWiseConfigurations().toJson())
			.isEqualTo(stock.getLayerWiseConfigurations().toJson());
		MultiLayerNetwork reloaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved(reusing)),
				true);
		assertThat(reloaded.getLayer(0))
			.isExactlyInstanceOf(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class);
		assertThat(reloaded.params()).isEqualTo(reusing.params());
	}

	private static void trainSideBySide(MultiLayerNetwork stock, MultiLayerNetwork reusing, int inputs, int steps) {
		trainSideBySide(stock, reusing, features(stock.params().dataType(), inputs), steps);
	}

	private static void trainSideBySide(MultiLayerNetwork stock, MultiLayerNetwork reusing, INDArray features,
			int steps) {
		INDArray labels = labels(features.dataType());
		for (int step = 0; step < steps; step++) {
			stock.fit(features, labels);
			reusing.fit(features, labels);
			assertThat(reusing.score()).as("score after step %d", step).isEqualTo(stock.score());
		}
	}

	private static INDArray features(DataType type, int inputs) {
		Nd4j.getRandom().setSeed(3);
		return Nd4j.randn(type, BATCH, inputs);
	}

	private static INDArray labels(DataType type) {
		INDArray labels = Nd4j.zeros(type, BATCH, 4);
		for (int row = 0; row < BATCH; row++) {
			labels.putScalar(row, row % 4, 1.0);
		}
		return labels;
	}

	private static MultiLayerNetwork withDropout() {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
			.updater(new Adam(0.01))
			.list()
			.layer(new DenseLayer.Builder().nIn(12).nOut(40).activation(Activation.RELU).build())
			.layer(new DenseLayer.Builder().nOut(30).activation(Activation.RELU).dropOut(0.7).build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
				.activation(Activation.SOFTMAX)
				.build())
			.setInputType(InputType.feedForward(12))
			.build());
		network.init();
		return network;
	}

	private static MultiLayerNetwork regression() {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
			.updater(new Adam(0.01))
			.list()
			.layer(new DenseLayer.Builder().nIn(12).nOut(20).activation(Activation.RELU).build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(4)
				.activation(Activation.IDENTITY)
				.build())
			.setInputType(InputType.feedForward(12))
			.build());
		network.init();
		return network;
	}

	private static MultiLayerNetwork imageMlp() {
		MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
			.updater(new Adam(0.01))
			.list()
			.layer(new DenseLayer.Builder().nOut(20).activation(Activation.TANH).build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
				.activation(Activation.SOFTMAX)
				.build())
			.setInputType(InputType.convolutional(3, 3, 2))
			.build());
		network.init();
		return network;
	}

	private static byte[] saved(MultiLayerNetwork network) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ModelSerializer.writeModel(network, bytes, true);
		return bytes.toByteArray();
	}

}
