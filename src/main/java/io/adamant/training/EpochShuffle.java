package io.adamant.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Each epoch's shuffled copy of a run's training rows, and its batches as views over that
 * copy (made once per buffer: a view costs native allocations). The copy is one native
 * gather per epoch. Where the rows fit the prefetch limit
 * ({@code adamant.worker.shuffle-prefetch-limit}), the next epoch's gather runs on a
 * thread of its own into a second buffer while the current epoch trains: on a million
 * rows of 20 features and 10 targets the permutation and the two gathers took about 190
 * ms on the worker thread, 15% of a batch-1024 epoch (bench/HISTORY.md).
 * <p>
 * The orders are drawn from the run's {@link Random} one per epoch, in sequence, so that
 * a run sees the same batches with or without the prefetch, and a resumed run after
 * {@link #skip skipping} the epochs it already did. The gather thread is started by the
 * worker's thread and so inherits its scheduling priority.
 */
final class EpochShuffle implements AutoCloseable {

	private final DataSet rows;

	private final int batchSize;

	private final NetworkInput input;

	private final Random random;

	private final boolean prefetch;

	private final Buffer[] buffers = new Buffer[2];

	private int current = -1;

	/** The gather into the buffer other than {@link #current}, while one runs. */
	private Future<?> pending;

	private ExecutorService gatherer;

	EpochShuffle(DataSet rows, int batchSize, NetworkInput input, Random random, long prefetchLimitBytes) {
		this.rows = rows;
		this.batchSize = batchSize;
		this.input = input;
		this.random = random;
		long bytes = (rows.getFeatures().length() + rows.getLabels().length()) * rows.getFeatures().dataType().width();
		this.prefetch = bytes <= prefetchLimitBytes;
	}

	/** Draws the orders of epochs a resumed run has already trained. */
	void skip(int epochs) {
		for (int epoch = 0; epoch < epochs; epoch++) {
			permutation(this.rows.numExamples(), this.random);
		}
	}

	/**
	 * The next epoch's batches (features and labels as the network reads them); with
	 * {@code anotherFollows}, starts gathering the epoch after it.
	 */
	List<INDArray[]> next(boolean anotherFollows) {
		if (this.pending != null) {
			await();
			this.current = 1 - this.current;
		}
		else {
			// nothing in flight: the last epoch's buffer is free again
			this.current = Math.max(this.current, 0);
			buffer(this.current).gather(permutation(this.rows.numExamples(), this.random));
		}
		if (this.prefetch && anotherFollows) {
			// the order is drawn on the gathering thread too; draws stay one at a time,
			// in sequence, since the next one waits for this one's Future
			Buffer spare = buffer(1 - this.current);
			this.pending = gatherer().submit(() -> spare.gather(permutation(this.rows.numExamples(), this.random)));
		}
		return this.buffers[this.current].batches;
	}

	/** Waits for a gather still running, then ends the gathering thread. */
	@Override
	public void close() {
		if (this.pending != null) {
			await();
		}
		if (this.gatherer != null) {
			this.gatherer.shutdown();
		}
	}

	private void await() {
		try {
			this.pending.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the next epoch's rows were shuffled", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Shuffling the next epoch's rows failed", ex.getCause());
		}
		finally {
			this.pending = null;
		}
	}

	private ExecutorService gatherer() {
		if (this.gatherer == null) {
			String name = Thread.currentThread().getName() + "-shuffle";
			this.gatherer = Executors.newSingleThreadExecutor(task -> {
				Thread thread = new Thread(task, name);
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.gatherer;
	}

	private Buffer buffer(int index) {
		if (this.buffers[index] == null) {
			this.buffers[index] = new Buffer(this.rows.getFeatures().ulike(), this.rows.getLabels().ulike());
		}
		return this.buffers[index];
	}

	static int[] permutation(int rows, Random random) {
		int[] order = new int[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		for (int i = rows - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

	/** A shuffled copy of the rows and its batches. */
	private final class Buffer {

		private final INDArray features;

		private final INDArray labels;

		private final List<INDArray[]> batches = new ArrayList<>();

		Buffer(INDArray features, INDArray labels) {
			this.features = features;
			this.labels = labels;
			int rows = EpochShuffle.this.rows.numExamples();
			for (int start = 0; start < rows; start += EpochShuffle.this.batchSize) {
				int end = Math.min(rows, start + EpochShuffle.this.batchSize);
				this.batches.add(new INDArray[] {
						EpochShuffle.this.input
							.features(features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())),
						EpochShuffle.this.input
							.labels(labels.get(NDArrayIndex.interval(start, end), NDArrayIndex.all())) });
			}
		}

		void gather(int[] order) {
			Nd4j.pullRows(EpochShuffle.this.rows.getFeatures(), this.features, 1, order);
			Nd4j.pullRows(EpochShuffle.this.rows.getLabels(), this.labels, 1, order);
		}

	}

}
