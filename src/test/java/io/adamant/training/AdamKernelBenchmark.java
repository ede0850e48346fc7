package io.adamant.training;

import java.util.Arrays;

import io.adamant.NativeDefaults;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam's step alone, DL4J's kernel against {@link DirectAdam}, on the updater blocks of
 * two of {@code bench/configs.json}'s MLPs (the 784-wide one and the seed MLP): the same
 * random gradient each call, calls alternated in rounds, one native thread as the service
 * runs it. Prints a markdown table of median microseconds per step and their ratio. Run
 * by {@code bench/adam.sh}; environment: {@code PERF_ROUNDS} (9), {@code ADAM_CALLS} (100
 * calls per round and side).
 */
public final class AdamKernelBenchmark {

	private AdamKernelBenchmark() {
	}

	public static void main(String[] args) {
		NativeDefaults.apply();
		NativeThreads.configure(0, 1);
		int rounds = (int) setting("PERF_ROUNDS", 9);
		int calls = (int) setting("ADAM_CALLS", 100);
		System.out.println("| network | parameters | DL4J's kernel, µs a step | DirectAdam, µs a step | speed-up |");
		System.out.println("|---|---|---|---|---|");
		for (int[] widths : new int[][] { { 784, 512, 512, 10 }, { 20, 50, 10 } }) {
			MultiLayerNetwork stock = network(widths);
			MultiLayerNetwork direct = network(widths);
			if (DirectAdam.install(direct) != 1) {
				throw new IllegalStateException("DirectAdam did not take the network's one updater block");
			}
			Side stockSide = new Side(stock);
			Side directSide = new Side(direct);
			INDArray source = Nd4j.randn(DataType.FLOAT, stock.numParams()).muli(0.01);
			stockSide.time(source, calls);
			directSide.time(source, calls);
			double[] stockMicros = new double[rounds];
			double[] directMicros = new double[rounds];
			double[] ratios = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				stockMicros[round] = stockSide.time(source, calls);
				directMicros[round] = directSide.time(source, calls);
				ratios[round] = stockMicros[round] / directMicros[round];
			}
			System.out.printf("| MLP %s | %d | %.0f | %.0f | %.2f |%n",
					String.join("→", Arrays.stream(widths).mapToObj(String::valueOf).toArray(String[]::new)),
					stock.numParams(), Medians.of(stockMicros), Medians.of(directMicros), Medians.of(ratios));
		}
		System.out.printf("%nMedians over %d rounds of %d steps a side; speed-up: the median of the rounds' ratios.%n",
				rounds, calls);
	}

	/** One network's updater block and gradient view, timed step by step. */
	private static final class Side {

		private final GradientUpdater<?> updater;

		private final INDArray gradient;

		private int iteration;

		Side(MultiLayerNetwork network) {
			this.updater = ((BaseMultiLayerUpdater<?>) network.getUpdater()).getUpdaterBlocks()
				.get(0)
				.getGradientUpdater();
			this.gradient = network.getGradientsViewArray().reshape(network.numParams());
		}

		/**
		 * Mean microseconds of {@code calls} steps, each on a fresh copy of the source.
		 */
		double time(INDArray source, int calls) {
			long nanos = 0;
			for (int call = 0; call < calls; call++) {
				this.gradient.assign(source);
				long start = System.nanoTime();
				this.updater.applyUpdater(this.gradient, this.iteration++, 0);
				nanos += System.nanoTime() - start;
			}
			return nanos / 1000.0 / calls;
		}

	}

	private static MultiLayerNetwork network(int[] widths) {
		return Mlps.of(42, DataType.FLOAT, new Adam(1e-3), Activation.RELU, widths);
	}

	private static double setting(String name, double fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
	}

}
