package io.adamant.training;

import java.nio.IntBuffer;
import java.util.Arrays;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a plain ReLU, {@code z > 0 ? epsilon : 0}, in Java. libnd4j's
 * {@code relu_bp} calls a scalar lambda per element through {@code std::function}: on a
 * batch-1024 MLP that was 16% of the step, for 51,200 elements. This does the same
 * selection over chunks copied into Java arrays, where the JIT vectorises it, and gives
 * the same values.
 */
final class ReluGradient {

	private static final int CHUNK = 4096;

	private static final IActivation PLAIN_RELU = new ActivationReLU();

	/** Positive floats other than NaN, as raw bits less one: [0, this). */
	private static final int POSITIVE_BITS_BELOW = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);

	private final int[] preOutputs = new int[CHUNK];

	private final int[] epsilons = new int[CHUNK];

	/**
	 * Whether {@code activation} is DL4J's ReLU without a maximum, threshold or slope.
	 */
	static boolean isPlainRelu(IActivation activation) {
		return activation.getClass() == ActivationReLU.class && PLAIN_RELU.equals(activation);
	}

	/**
	 * Writes the gradient into {@code preOutput}.
	 * @return false, having done nothing, unless both are float32 arrays of one shape and
	 * ordering whose elements are consecutive in memory
	 */
	boolean applyInPlace(INDArray preOutput, INDArray epsilon) {
		if (!NativeFloats.isDense(preOutput) || !NativeFloats.isDense(epsilon)
				|| preOutput.ordering() != epsilon.ordering() || !Arrays.equals(preOutput.shape(), epsilon.shape())) {
			return false;
		}
		IntBuffer z = NativeFloats.bitsOf(preOutput);
		IntBuffer e = NativeFloats.bitsOf(epsilon);
		if (preOutput.offset() + preOutput.length() > z.limit() || epsilon.offset() + epsilon.length() > e.limit()) {
			return false;
		}
		int n = (int) preOutput.length();
		int zi = (int) preOutput.offset();
		int ei = (int) epsilon.offset();
		for (int from = 0; from < n; from += CHUNK) {
			int length = Math.min(CHUNK, n - from);
			z.get(zi + from, this.preOutputs, 0, length);
			e.get(ei + from, this.epsilons, 0, length);
			select(length);
			z.put(zi + from, this.preOutputs, 0, length);
		}
		return true;
	}

	/**
	 * libnd4j's {@code x > 0 ? y : 0} on bit patterns, without a branch: the sign of
	 * ReLU's input is as good as random, and a mispredicted branch per element made a
	 * plain {@code ?:} loop slower than libnd4j's. {@code x > 0} holds exactly where x's
	 * bits less one lie in [0, bits of +∞): not for ±0, negatives or NaN. The selection
	 * keeps y's bits or gives +0's.
	 */
	private void select(int length) {
		int[] z = this.preOutputs;
		int[] e = this.epsilons;
		for (int i = 0; i < length; i++) {
			int below = z[i] - 1;
			int keep = ((below - POSITIVE_BITS_BELOW) & ~below) >> 31;
			z[i] = e[i] & keep;
		}
	}

}
