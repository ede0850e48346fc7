package io.adamant.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReluGradient} must give what DL4J's ReLU backprop gives, value for value. */
class ReluGradientTest {

	@Test
	void givesDl4jsGradientAcrossChunksAndEdgeValues() {
		Nd4j.getRandom().setSeed(8);
		// three rows of 5,000: more than one chunk, and chunks that end mid-row
		INDArray preOutput = Nd4j.randn(DataType.FLOAT, 3, 5000);
		INDArray epsilon = Nd4j.randn(DataType.FLOAT, 3, 5000);
		preOutput.putScalar(0, 0, 0f);
		preOutput.putScalar(0, 1, -0f);
		preOutput.putScalar(0, 2, Float.NaN);
		preOutput.putScalar(0, 3, Float.MIN_VALUE);
		preOutput.putScalar(2, 4999, 1f);
		preOutput.putScalar(1, 0, Float.POSITIVE_INFINITY);
		preOutput.putScalar(1, 1, Float.NEGATIVE_INFINITY);
		preOutput.putScalar(1, 2, Float.intBitsToFloat(0xFFC00000));
		preOutput.putScalar(1, 3, Float.MAX_VALUE);
		preOutput.putScalar(1, 4, -Float.MIN_VALUE);
		// the NaN nearest +∞, written as bits (a float store could quiet it)
		NativeFloats.bitsOf(preOutput).put((int) preOutput.offset() + 5000 + 5, 0x7F800001);
		epsilon.putScalar(0, 3, Float.NaN);
		epsilon.putScalar(2, 4999, Float.POSITIVE_INFINITY);
		INDArray expected = new ActivationReLU().backprop(preOutput.dup(), epsilon.dup()).getFirst();
		INDArray actual = preOutput.dup();
		assertThat(new ReluGradient().applyInPlace(actual, epsilon)).isTrue();
		// boxed comparison: NaN equals NaN, and 0 and -0 differ
		assertThat(actual.data().asFloat()).containsExactly(expected.data().asFloat());
		assertThat(actual.getFloat(0, 3)).isNaN();
		assertThat(actual.getFloat(2, 4999)).isEqualTo(Float.POSITIVE_INFINITY);
		assertThat(actual.getFloat(0, 2)).as("NaN is not above zero").isZero();
		assertThat(actual.getFloat(1, 0)).isEqualTo(epsilon.getFloat(1, 0));
		assertThat(actual.getFloat(1, 3)).isEqualTo(epsilon.getFloat(1, 3));
		assertThat(new float[] { actual.getFloat(1, 1), actual.getFloat(1, 2), actual.getFloat(1, 4),
				actual.getFloat(1, 5) })
			.containsOnly(0f);
	}

	@Test
	void takesTheTransposedViewDl4jHandsDown() {
		// the input gradient of the layer above: an 'f' array's transpose, 'c' in memory
		INDArray epsilon = Nd4j.rand(DataType.FLOAT, 7, 16).dup('f').transpose();
		INDArray preOutput = Nd4j.randn(DataType.FLOAT, 16, 7);
		INDArray expected = new ActivationReLU().backprop(preOutput.dup(), epsilon.dup()).getFirst();
		INDArray actual = preOutput.dup();
		assertThat(new ReluGradient().applyInPlace(actual, epsilon)).isTrue();
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void leavesOtherLayoutsAndActivationsToDl4j() {
		INDArray preOutput = Nd4j.randn(DataType.FLOAT, 4, 6);
		INDArray before = preOutput.dup();
		ReluGradient gradient = new ReluGradient();
		assertThat(gradient.applyInPlace(preOutput, Nd4j.rand(DataType.FLOAT, 4, 6).dup('f'))).isFalse();
		assertThat(gradient.applyInPlace(preOutput, Nd4j.rand(DataType.DOUBLE, 4, 6))).isFalse();
		assertThat(gradient.applyInPlace(preOutput, Nd4j.rand(DataType.FLOAT, 6, 4))).isFalse();
		assertThat(preOutput).isEqualTo(before);
		assertThat(ReluGradient.isPlainRelu(new ActivationReLU())).isTrue();
		assertThat(ReluGradient.isPlainRelu(new ActivationReLU(6.0, null, null))).isFalse();
		assertThat(ReluGradient.isPlainRelu(new ActivationReLU(null, 0.5, null))).isFalse();
		assertThat(ReluGradient.isPlainRelu(new ActivationReLU6())).isFalse();
		assertThat(ReluGradient.isPlainRelu(new ActivationLReLU())).isFalse();
	}

}
