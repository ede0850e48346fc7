package io.adamant.training;

import java.nio.FloatBuffer;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's Adam step computed in Java, over chunks copied from the native buffers.
 * libnd4j's {@code adam_updater} kernel runs a scalar loop whose per-element square root
 * and division are not vectorised: over the 784-wide MLP's 670k parameters it took 5.1 –
 * 5.5 ms on one thread, a fifth of the step; this 0.9 – 1.2 ms (README, "The MLPs against
 * PyTorch"). Same formula as the kernel, same state in the same view (m, then v), so
 * snapshots and checkpoints stay DL4J's own. Arrays that are not dense float32 vectors in
 * native memory go to DL4J's kernel.
 */
final class DirectAdam extends AdamUpdater {

	/**
	 * Elements copied out of the native buffers at a time: the three chunks stay in the
	 * L1 and L2 caches, and the JIT vectorises a loop over Java arrays, which it does not
	 * over a direct buffer (a loop reading the buffers in place took twice as long, and
	 * in one JVM of three ran 30% slower than DL4J's kernel).
	 */
	private static final int CHUNK = 4096;

	private final float[] gradients = new float[CHUNK];

	private final float[] firstMoments = new float[CHUNK];

	private final float[] secondMoments = new float[CHUNK];

	private final NativeFloats gradientMemory = new NativeFloats();

	private final NativeFloats stateMemory = new NativeFloats();

	private DirectAdam(AdamUpdater stock) {
		super(stock.getConfig());
		setM(stock.getM());
		setV(stock.getV());
		setGradientReshapeOrder(stock.getGradientReshapeOrder());
	}

	/**
	 * Puts this updater in place of DL4J's Adam in each of the network's updater blocks.
	 * DL4J makes its updaters anew when a learning rate is set, so call it again after
	 * that.
	 * @return how many blocks it took over; none off the CPU
	 */
	static int install(MultiLayerNetwork network) {
		if (Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
			return 0;
		}
		Updater updater = network.getUpdater();
		if (!(updater instanceof BaseMultiLayerUpdater<?> layers)) {
			return 0;
		}
		int installed = 0;
		for (UpdaterBlock block : layers.getUpdaterBlocks()) {
			GradientUpdater<?> current = block.getGradientUpdater();
			if (current.getClass() == AdamUpdater.class) {
				block.setGradientUpdater(new DirectAdam((AdamUpdater) current));
				installed++;
			}
			else if (current instanceof DirectAdam) {
				installed++;
			}
		}
		return installed;
	}

	@Override
	public void applyUpdater(INDArray gradient, int iteration, int epoch) {
		if (!applyInJava(gradient, iteration, epoch)) {
			super.applyUpdater(gradient, iteration, epoch);
		}
	}

	/**
	 * @return false, having done nothing, where the arrays are not dense float32 vectors
	 * in native memory
	 */
	private boolean applyInJava(INDArray gradient, int iteration, int epoch) {
		INDArray m = getM();
		INDArray v = getV();
		if (!isDense(gradient) || !isDense(m) || !isDense(v) || gradient.length() != m.length()
				|| m.data().address() != v.data().address()) {
			return false;
		}
		FloatBuffer g = this.gradientMemory.covering(gradient);
		// m and v are views of one state array, so one buffer covers both
		FloatBuffer state = this.stateMemory.covering(m);
		if (g == null || state == null || this.stateMemory.covering(v) == null) {
			return false;
		}
		int n = (int) gradient.length();
		int gi = (int) gradient.offset();
		int mi = (int) m.offset();
		int vi = (int) v.offset();
		Adam config = getConfig();
		float beta1 = (float) config.getBeta1();
		float beta2 = (float) config.getBeta2();
		float epsilon = (float) config.getEpsilon();
		float alpha = stepSize(config.getLearningRate(iteration, epoch), beta1, beta2, epsilon, iteration);
		for (int from = 0; from < n; from += CHUNK) {
			int length = Math.min(CHUNK, n - from);
			g.get(gi + from, this.gradients, 0, length);
			state.get(mi + from, this.firstMoments, 0, length);
			state.get(vi + from, this.secondMoments, 0, length);
			step(length, alpha, beta1, beta2, epsilon);
			g.put(gi + from, this.gradients, 0, length);
			state.put(mi + from, this.firstMoments, 0, length);
			state.put(vi + from, this.secondMoments, 0, length);
		}
		return true;
	}

	/**
	 * Adam on one chunk, in place: a plain loop over arrays, which the JIT vectorises.
	 */
	private void step(int length, float alpha, float beta1, float beta2, float epsilon) {
		float[] gradient = this.gradients;
		float[] first = this.firstMoments;
		float[] second = this.secondMoments;
		for (int i = 0; i < length; i++) {
			float grad = gradient[i];
			float m = beta1 * first[i] + grad * (1 - beta1);
			float v = beta2 * second[i] + grad * grad * (1 - beta2);
			first[i] = m;
			second[i] = v;
			gradient[i] = m * alpha / ((float) Math.sqrt(v) + epsilon);
		}
	}

	/**
	 * The bias-corrected step size as libnd4j computes it, with its fallback to epsilon
	 * where that is not a finite, non-zero number.
	 */
	static float stepSize(double learningRate, float beta1, float beta2, float epsilon, int iteration) {
		float beta1Power = (float) Math.pow(beta1, iteration + 1);
		float beta2Power = (float) Math.pow(beta2, iteration + 1);
		float alpha = (float) (learningRate * Math.sqrt(1 - beta2Power) / (1 - beta1Power));
		return Float.isFinite(alpha) && alpha != 0 ? alpha : epsilon;
	}

	/** A float32 vector whose elements are consecutive in memory. */
	private static boolean isDense(INDArray array) {
		return array.isVectorOrScalar() && NativeFloats.isDense(array);
	}

}
