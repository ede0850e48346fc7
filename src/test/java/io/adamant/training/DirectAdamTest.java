package io.adamant.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.config.IUpdater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link DirectAdam} must take the same steps as DL4J's Adam kernel and leave the same
 * state behind, in the same place.
 */
class DirectAdamTest {

	@Test
	void takesTheStepsDl4jsAdamTakesAndKeepsTheSameState() {
		for (DataType type : new DataType[] { DataType.FLOAT, DataType.DOUBLE }) {
			MultiLayerNetwork stock = network(type, new Adam(0.01, 0.8, 0.95, 1e-6));
			MultiLayerNetwork direct = network(type, new Adam(0.01, 0.8, 0.95, 1e-6));
			// one block for the whole network: all its parameters share one Adam
			assertThat(DirectAdam.install(direct)).isEqualTo(1);
			trainSideBySide(stock, direct, 25);
			SameComputation.assertClose(direct.params(), stock.params());
			SameComputation.assertClose(direct.getUpdater().getStateViewArray(),
					stock.getUpdater().getStateViewArray());
			assertThat(direct.params().sub(network(type, new Adam(0.01)).params()).amaxNumber().doubleValue())
				.as("the parameters moved")
				.isGreaterThan(1e-3);
		}
	}

	@Test
	void aLearningRateChangeNeedsAnotherInstallAndKeepsTheState() {
		MultiLayerNetwork stock = network(DataType.FLOAT, new Adam(0.01));
		MultiLayerNetwork direct = network(DataType.FLOAT, new Adam(0.01));
		DirectAdam.install(direct);
		trainSideBySide(stock, direct, 5);
		stock.setLearningRate(0.002);
		direct.setLearningRate(0.002);
		// DL4J made its updaters anew, over the same state
		assertThat(blockUpdater(direct)).isExactlyInstanceOf(AdamUpdater.class);
		assertThat(DirectAdam.install(direct)).isEqualTo(1);
		assertThat(blockUpdater(direct)).isExactlyInstanceOf(DirectAdam.class);
		trainSideBySide(stock, direct, 5);
		SameComputation.assertClose(direct.params(), stock.params());
		SameComputation.assertClose(direct.getUpdater().getStateViewArray(), stock.getUpdater().getStateViewArray());
	}

	@Test
	void leavesOtherUpdatersAlone() {
		MultiLayerNetwork sgd = network(DataType.FLOAT, new Sgd(0.1));
		assertThat(DirectAdam.install(sgd)).isZero();
		assertThat(blockUpdater(sgd)).isNotInstanceOf(DirectAdam.class);
	}

	@Test
	void fallsBackToEpsilonWhereTheBiasCorrectionIsNotFinite() {
		// 1 - beta1^t = 0: libnd4j then uses epsilon as the step size
		assertThat(DirectAdam.stepSize(0.1, 1f, 0.999f, 1e-8f, 0)).isEqualTo(1e-8f);
		assertThat(DirectAdam.stepSize(0.1, 0.9f, 0.999f, 1e-8f, 0)).isCloseTo((float) (0.1 * Math.sqrt(0.001) / 0.1),
				within(1e-6f));
	}

	private static void trainSideBySide(MultiLayerNetwork stock, MultiLayerNetwork direct, int steps) {
		Nd4j.getRandom().setSeed(3);
		DataType type = stock.params().dataType();
		INDArray features = Nd4j.randn(type, 32, 12);
		INDArray labels = Nd4j.zeros(type, 32, 4);
		for (int row = 0; row < 32; row++) {
			labels.putScalar(row, row % 4, 1.0);
		}
		for (int step = 0; step < steps; step++) {
			stock.fit(features, labels);
			direct.fit(features, labels);
		}
	}

	private static Object blockUpdater(MultiLayerNetwork network) {
		return ((BaseMultiLayerUpdater<?>) network.getUpdater()).getUpdaterBlocks().get(0).getGradientUpdater();
	}

	/** 6,804 parameters: more than one of {@link DirectAdam}'s chunks. */
	private static MultiLayerNetwork network(DataType type, IUpdater updater) {
		return Mlps.of(11, type, updater, Activation.TANH, 12, 400, 4);
	}

}
