package io.adamant.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.adamant.NativeDefaults;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.InputKind;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Epochs as the service's trainer runs them ({@link EpochShuffle}'s batches, then a fit
 * per batch), with the next epoch's gather on the worker's thread against on a thread of
 * its own, in alternating epochs of two networks in one JVM, on the seed MLP at batch
 * 1024 over a million rows. Prints the median epoch time of each and the median of the
 * epoch-by-epoch ratios. {@code bench/shuffle.sh}; settings: {@code PERF_ROUNDS} (9
 * epochs each), {@code SHUFFLE_ROWS} (1,000,000).
 */
public final class ShufflePrefetchBenchmark {

	private static final int BATCH = 1024;

	private ShufflePrefetchBenchmark() {
	}

	public static void main(String[] args) {
		NativeDefaults.apply();
		NativeThreads.configure(0, 1);
		int rounds = Integer.parseInt(System.getenv().getOrDefault("PERF_ROUNDS", "9"));
		int rows = Integer.parseInt(System.getenv().getOrDefault("SHUFFLE_ROWS", "1000000"));
		Nd4j.getRandom().setSeed(42);
		INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, 10);
		Random random = new Random(42);
		for (int row = 0; row < rows; row++) {
			labels.putScalar(row, random.nextInt(10), 1f);
		}
		DataSet data = new DataSet(Nd4j.randn(DataType.FLOAT, rows, 20), labels);
		NetworkInput input = new NetworkInput(new DatasetInfo("bench", DatasetTask.CLASSIFICATION, InputKind.TABULAR,
				List.of(20), 20, 10, false, 0, true, List.of(), "bench", "bench"));
		Side inline = new Side(new EpochShuffle(data, BATCH, input, new Random(1), 0));
		Side prefetched = new Side(new EpochShuffle(data, BATCH, input, new Random(1), Long.MAX_VALUE));
		inline.epoch();
		prefetched.epoch();
		double[] ratios = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			// alternate the order so that neither side always follows the other
			Side first = round % 2 == 0 ? inline : prefetched;
			Side second = first == inline ? prefetched : inline;
			first.epoch();
			second.epoch();
			ratios[round] = inline.last() / prefetched.last();
		}
		inline.shuffle.close();
		prefetched.shuffle.close();
		System.out.printf("| %,d rows, batch %d, seed MLP | epoch, gather on the worker's thread | epoch, next "
				+ "gather prefetched | inline / prefetched, median of %d epoch pairs |%n", rows, BATCH, rounds);
		System.out.println("|---|---|---|---|");
		System.out.printf("| ms | %.0f | %.0f | %.2f |%n", inline.median(), prefetched.median(), Medians.of(ratios));
	}

	/** One network trained epoch by epoch over one {@link EpochShuffle}. */
	private static final class Side {

		private final EpochShuffle shuffle;

		private final MultiLayerNetwork network = Mlps.of(42, DataType.FLOAT, new Adam(1e-3), Activation.RELU, 20, 50,
				10);

		private final List<Double> epochMillis = new ArrayList<>();

		Side(EpochShuffle shuffle) {
			this.shuffle = shuffle;
			ReusingLayers.install(this.network);
			LeanUpdaterBlock.install(this.network);
			DirectAdam.install(this.network);
		}

		void epoch() {
			long start = System.nanoTime();
			for (INDArray[] batch : this.shuffle.next(true)) {
				this.network.fit(batch[0], batch[1]);
			}
			this.epochMillis.add((System.nanoTime() - start) / 1e6);
		}

		double last() {
			return this.epochMillis.get(this.epochMillis.size() - 1);
		}

		double median() {
			return Medians.of(this.epochMillis.stream().mapToDouble(Double::doubleValue).toArray());
		}

	}

}
