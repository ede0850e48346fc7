package io.adamant.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;

import io.adamant.NativeDefaults;
import org.apache.commons.lang3.RandomUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * What {@code NativeDefaults}' reuse of SecureRandoms saves: the seed MLP (20→50→10,
 * Adam) trained as the service runs it, at batch 64 and 1024, in rounds that alternate
 * commons-lang3's stock {@code RandomUtils} (a new SecureRandom for every native buffer
 * ND4J creates) with the reusing one. One native thread. Prints a markdown table of
 * median steps per second of the training thread's CPU time and the median of the rounds'
 * ratios. Run by {@code bench/secure-random.sh}; environment: {@code PERF_ROUNDS} (9),
 * {@code PERF_ROUND_SECONDS} (1).
 */
public final class SecureRandomReuseBenchmark {

	/**
	 * Rates per second of the thread's CPU time: what another VM takes does not count.
	 */
	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private SecureRandomReuseBenchmark() {
	}

	public static void main(String[] args) throws ReflectiveOperationException {
		Field secure = RandomUtils.class.getDeclaredField("SECURE");
		secure.setAccessible(true);
		Object stock = secure.get(null);
		NativeDefaults.apply();
		Object reusing = secure.get(null);
		if (reusing == stock) {
			throw new IllegalStateException("NativeDefaults did not replace RandomUtils' SecureRandom supplier");
		}
		NativeThreads.configure(0, 1);
		int rounds = Integer.parseInt(System.getenv().getOrDefault("PERF_ROUNDS", "9"));
		double seconds = Double.parseDouble(System.getenv().getOrDefault("PERF_ROUND_SECONDS", "1"));
		System.out.println("| seed MLP | stock RandomUtils, steps per CPU-second | reusing | reusing / stock |");
		System.out.println("|---|---|---|---|");
		for (int batch : new int[] { 64, 1024 }) {
			MultiLayerNetwork network = Mlps.of(42, DataType.FLOAT, new Adam(1e-3), Activation.RELU, 20, 50, 10);
			LayerHelpers.install(network);
			ReusingLayers.install(network);
			LeanUpdaterBlock.install(network);
			DirectAdam.install(network);
			INDArray features = Nd4j.randn(DataType.FLOAT, batch, 20);
			INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 10);
			for (int row = 0; row < batch; row++) {
				labels.putScalar(row, row % 10, 1);
			}
			secure.set(null, stock);
			stepsPerSecond(network, features, labels, 2 * seconds);
			secure.set(null, reusing);
			stepsPerSecond(network, features, labels, 2 * seconds);
			double[] stockRates = new double[rounds];
			double[] reusingRates = new double[rounds];
			double[] ratios = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				secure.set(null, stock);
				stockRates[round] = stepsPerSecond(network, features, labels, seconds);
				secure.set(null, reusing);
				reusingRates[round] = stepsPerSecond(network, features, labels, seconds);
				ratios[round] = reusingRates[round] / stockRates[round];
			}
			System.out.printf("| batch %d | %.0f | %.0f | %.3f |%n", batch, Medians.of(stockRates),
					Medians.of(reusingRates), Medians.of(ratios));
		}
		double[] stockBuffers = new double[rounds];
		double[] reusingBuffers = new double[rounds];
		double[] bufferRatios = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			secure.set(null, stock);
			stockBuffers[round] = buffersPerSecond(seconds / 4);
			secure.set(null, reusing);
			reusingBuffers[round] = buffersPerSecond(seconds / 4);
			bufferRatios[round] = reusingBuffers[round] / stockBuffers[round];
		}
		System.out.printf("| 8-float arrays created, per CPU-second | %.0f | %.0f | %.3f |%n", Medians.of(stockBuffers),
				Medians.of(reusingBuffers), Medians.of(bufferRatios));
		System.out.printf("%nMedians over %d rounds of %.1f s a side, alternated; ratio: the median of the rounds'.%n",
				rounds, seconds);
	}

	/**
	 * Each array is a native buffer and its shape information: two calls of pickObject.
	 */
	private static double buffersPerSecond(double seconds) {
		long end = System.nanoTime() + (long) (seconds * 1e9);
		long started = THREADS.getCurrentThreadCpuTime();
		int arrays = 0;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 100; i++) {
				Nd4j.createUninitialized(DataType.FLOAT, 8);
			}
			arrays += 100;
		}
		return arrays / ((THREADS.getCurrentThreadCpuTime() - started) / 1e9);
	}

	private static double stepsPerSecond(MultiLayerNetwork network, INDArray features, INDArray labels,
			double seconds) {
		long end = System.nanoTime() + (long) (seconds * 1e9);
		long started = THREADS.getCurrentThreadCpuTime();
		int steps = 0;
		while (System.nanoTime() < end) {
			network.fit(features, labels);
			steps++;
		}
		return steps / ((THREADS.getCurrentThreadCpuTime() - started) / 1e9);
	}

}
