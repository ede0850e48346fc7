package io.adamant.training;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks that a network with Adamant's layer helpers computes what stock DL4J does. */
final class SameComputation {

	private SameComputation() {
	}

	/**
	 * The same outputs, score, parameter and input gradients, and the same parameters
	 * after three training steps, within 1e-4 of the largest value.
	 */
	static void assertSameTraining(MultiLayerNetwork helped, MultiLayerNetwork stock, INDArray features,
			INDArray labels) {
		assertClose(helped.output(features), stock.output(features));
		Pair<Gradient, INDArray> expected = stock.calculateGradients(features, labels, null, null);
		Pair<Gradient, INDArray> actual = helped.calculateGradients(features, labels, null, null);
		assertClose(actual.getFirst().gradient(), expected.getFirst().gradient());
		// the gradient of the input: for a first layer, only this checks its backprop's
		// last step
		assertClose(actual.getSecond(), expected.getSecond());
		assertThat(helped.score()).isCloseTo(stock.score(), within(1e-5));
		for (int step = 0; step < 3; step++) {
			stock.fit(features, labels);
			helped.fit(features, labels);
		}
		assertClose(helped.params(), stock.params());
	}

	static void assertClose(INDArray actual, INDArray expected) {
		assertThat(actual.shape()).isEqualTo(expected.shape());
		double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
		assertThat(actual.sub(expected).amaxNumber().doubleValue() / scale).isLessThan(1e-4);
	}

}
