package io.adamant.training;

import java.util.Arrays;
import java.util.List;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.InputKind;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import io.adamant.job.TrainingSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ContiguousLstm} must compute what DL4J's own LSTM computes: the same outputs,
 * the same gradients and training after it, with truncated backprop (DL4J's backprop on
 * the kept pass) and changing batch sizes, and the same state carried between calls.
 */
class ContiguousLstmTest {

	private static final int FEATURES = 3;

	private static final int STEPS = 7;

	private static final int UNITS = 5;

	@ParameterizedTest(name = "last step only: {0}")
	@ValueSource(booleans = { true, false })
	void matchesDl4jsOwnLstm(boolean lastStep) {
		MultiLayerConfiguration configuration = configuration(lastStep);
		MultiLayerNetwork stock = new MultiLayerNetwork(configuration.clone());
		stock.init();
		MultiLayerNetwork helped = new MultiLayerNetwork(configuration.clone());
		helped.init();
		assertThat(LayerHelpers.install(helped)).isEqualTo(2);
		// non-zero biases, so that a gate in the wrong place shows
		INDArray biases = Nd4j.rand(DataType.FLOAT, 4 * 2 * UNITS);
		setBiases(stock, biases);
		setBiases(helped, biases);

		Nd4j.getRandom().setSeed(3);
		INDArray features = Nd4j.randn(DataType.FLOAT, 6, FEATURES, STEPS);
		INDArray labels = lastStep ? Nd4j.randn(DataType.FLOAT, 6, 2) : Nd4j.randn(DataType.FLOAT, 6, 2, STEPS);
		SameComputation.assertSameTraining(helped, stock, features, labels);
	}

	@Test
	void trainsLikeDl4jUnderTruncatedBackprop() {
		MultiLayerConfiguration configuration = configuration(false);
		configuration.setBackpropType(BackpropType.TruncatedBPTT);
		configuration.setTbpttFwdLength(3);
		configuration.setTbpttBackLength(3);
		Networks networks = Networks.of(configuration);
		Nd4j.getRandom().setSeed(5);
		INDArray features = Nd4j.randn(DataType.FLOAT, 6, FEATURES, STEPS);
		INDArray labels = Nd4j.randn(DataType.FLOAT, 6, 2, STEPS);
		for (int step = 0; step < 3; step++) {
			networks.stock().fit(features, labels);
			networks.helped().fit(features, labels);
		}
		SameComputation.assertClose(networks.helped().params(), networks.stock().params());
	}

	/**
	 * DL4J's own backprop on the kept pass, where this helper leaves it: a truncated
	 * backprop shorter than the sequence (M2.1's networks do not ask for one, but a layer
	 * may be called so).
	 */
	@Test
	void leavesATruncatedBackpropToDl4j() {
		Networks networks = Networks.of(configuration(false));
		Nd4j.getRandom().setSeed(9);
		INDArray features = Nd4j.randn(DataType.FLOAT, 4, FEATURES, STEPS);
		INDArray epsilon = Nd4j.randn(DataType.FLOAT, 4, UNITS, STEPS);
		Pair<Gradient, INDArray> expected = truncatedBackprop(networks.stock(), features, epsilon);
		Pair<Gradient, INDArray> actual = truncatedBackprop(networks.helped(), features, epsilon);
		SameComputation.assertClose(actual.getSecond(), expected.getSecond());
		for (String parameter : List.of("W", "RW", "b")) {
			SameComputation.assertClose(actual.getFirst().getGradientFor(parameter),
					expected.getFirst().getGradientFor(parameter));
		}
	}

	private static Pair<Gradient, INDArray> truncatedBackprop(MultiLayerNetwork network, INDArray features,
			INDArray epsilon) {
		network.initGradientsView();
		org.deeplearning4j.nn.layers.recurrent.LSTM layer = (org.deeplearning4j.nn.layers.recurrent.LSTM) network
			.getLayer(0);
		LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
		layer.activate(features, true, workspaces);
		Pair<Gradient, INDArray> result = layer.tbpttBackpropGradient(epsilon, 3, workspaces);
		return new Pair<>(result.getFirst(), result.getSecond().dup());
	}

	@Test
	void trainsLikeDl4jWhenTheBatchSizeChanges() {
		Networks networks = Networks.of(configuration(false));
		Nd4j.getRandom().setSeed(7);
		// an epoch's last, smaller batch, then a full one, then one of a third size, then
		// the first again
		for (int rows : new int[] { 6, 4, 6, 5, 3, 6 }) {
			INDArray features = Nd4j.randn(DataType.FLOAT, rows, FEATURES, STEPS);
			INDArray labels = Nd4j.randn(DataType.FLOAT, rows, 2, STEPS);
			networks.stock().fit(features, labels);
			networks.helped().fit(features, labels);
			SameComputation.assertClose(networks.helped().params(), networks.stock().params());
			SameComputation.assertClose(networks.helped().output(features), networks.stock().output(features));
		}
	}

	/**
	 * A network that only predicts holds the forward pass's arrays; backprop's come with
	 * training; three batch shapes are kept, the least recently used goes.
	 */
	@Test
	void holdsBackpropsArraysOnlyOnceItTrainsAndAtMostThreeShapes() {
		MultiLayerNetwork helped = Networks.of(configuration(false)).helped();
		LSTMHelper helper = (LSTMHelper) helped.getLayer(0).getHelper();
		helped.output(Nd4j.randn(DataType.FLOAT, 6, FEATURES, STEPS));
		long forwardBytes = 4L * (8 * UNITS + FEATURES) * 6 * STEPS;
		assertThat(helper.helperMemoryUse()).containsEntry("sequences", forwardBytes);
		helped.fit(Nd4j.randn(DataType.FLOAT, 6, FEATURES, STEPS), Nd4j.randn(DataType.FLOAT, 6, 2, STEPS));
		long backpropBytes = 4L * (11 * UNITS + FEATURES) * 6 * STEPS;
		assertThat(helper.helperMemoryUse()).containsEntry("sequences", forwardBytes + backpropBytes);
		for (int rows : new int[] { 5, 4, 3 }) {
			helped.output(Nd4j.randn(DataType.FLOAT, rows, FEATURES, STEPS));
		}
		long threeForwardPasses = 4L * (8 * UNITS + FEATURES) * (5 + 4 + 3) * STEPS;
		assertThat(helper.helperMemoryUse()).containsEntry("sequences", threeForwardPasses);
	}

	@Test
	void carriesTheStateBetweenTimeSteps() {
		Networks networks = Networks.of(configuration(false));
		INDArray features = Nd4j.randn(DataType.FLOAT, 2, FEATURES, STEPS);
		INDArray firstHalf = features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
		INDArray secondHalf = features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, STEPS));
		networks.stock().rnnTimeStep(firstHalf.dup());
		networks.helped().rnnTimeStep(firstHalf.dup());
		SameComputation.assertClose(networks.helped().rnnTimeStep(secondHalf.dup()),
				networks.stock().rnnTimeStep(secondHalf.dup()));
	}

	@Test
	void theServicesRecurrentNetworksGetIt() {
		DatasetInfo sequences = new DatasetInfo("echo", DatasetTask.REGRESSION, InputKind.SEQUENCE, List.of(1, 50), 50,
				1, false, 0, true, List.of(), "echo", "echo");
		ModelSpec.Rnn rnn = new ModelSpec.Rnn(null, List.of(new ModelSpec.RecurrentLayer(64, null)), null, null);
		MultiLayerNetwork network = new MultiLayerNetwork(
				NetworkFactory.configure(TestSpecs.spec(rnn, new OptimizerSpec.Adam(0.001, null, null, null), null,
						new TrainingSpec(1, 32, 42L, 0.0)), sequences, 1));
		network.init();

		assertThat(LayerHelpers.install(network)).isEqualTo(1);
		Layer wrapped = network.getLayer(0);
		assertThat(wrapped).isInstanceOf(LastTimeStepLayer.class);
		assertThat(((LastTimeStepLayer) wrapped).getUnderlying().getHelper()).isInstanceOf(ContiguousLstm.class);
		assertThat(Arrays.stream(network.getLayers()).skip(1).map(Layer::getHelper)).allMatch(h -> h == null);
	}

	private static MultiLayerConfiguration configuration(boolean lastStep) {
		LSTM first = new LSTM.Builder().nOut(UNITS).activation(Activation.TANH).helperAllowFallback(false).build();
		LSTM second = new LSTM.Builder().nOut(UNITS).activation(Activation.TANH).helperAllowFallback(false).build();
		NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(42)
			.dataType(DataType.FLOAT)
			.updater(new Adam(1e-2))
			.list()
			.layer(first);
		if (lastStep) {
			layers.layer(new LastTimeStep(second))
				.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
					.activation(Activation.IDENTITY)
					.build());
		}
		else {
			layers.layer(second)
				.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
					.activation(Activation.IDENTITY)
					.build());
		}
		return layers.setInputType(InputType.recurrent(FEATURES, STEPS)).build();
	}

	private static void setBiases(MultiLayerNetwork network, INDArray biases) {
		network.getLayer(0).getParam("b").assign(biases.get(NDArrayIndex.interval(0, 4 * UNITS)).reshape(1, -1));
		Layer second = network.getLayer(1) instanceof LastTimeStepLayer wrapper ? wrapper.getUnderlying()
				: network.getLayer(1);
		second.getParam("b").assign(biases.get(NDArrayIndex.interval(4 * UNITS, 8 * UNITS)).reshape(1, -1));
	}

	/** The same network twice: as DL4J runs it, and with the layer helpers set in. */
	private record Networks(MultiLayerNetwork stock, MultiLayerNetwork helped) {

		static Networks of(MultiLayerConfiguration configuration) {
			MultiLayerNetwork stock = new MultiLayerNetwork(configuration.clone());
			stock.init();
			MultiLayerNetwork helped = new MultiLayerNetwork(configuration.clone());
			helped.init();
			LayerHelpers.install(helped);
			return new Networks(stock, helped);
		}

	}

}
