package io.adamant.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.InputKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next epoch's rows are gathered on another thread while the current one trains; a
 * run must see the same batches as with the gather inline, a resumed run the batches it
 * would have seen, and no epoch's batches may change while that epoch trains.
 */
class EpochShuffleTest {

	private static final int ROWS = 100;

	private static final int BATCH = 16;

	private static final long SEED = 7;

	private final DataSet rows = new DataSet(Nd4j.arange(ROWS * 3).castTo(DataType.FLOAT).reshape(ROWS, 3),
			Nd4j.arange(ROWS * 2).castTo(DataType.FLOAT).reshape(ROWS, 2));

	private final NetworkInput input = new NetworkInput(new DatasetInfo("rows", DatasetTask.REGRESSION,
			InputKind.TABULAR, List.of(3), 3, 2, false, 0, true, List.of(), "test", "test"));

	@Test
	void prefetchingGivesTheBatchesOfGatheringInlineInTheSeedsOrder() {
		List<List<Float>> prefetched = epochs(Long.MAX_VALUE, 0, 5);
		List<List<Float>> inline = epochs(0, 0, 5);

		assertThat(prefetched).containsExactlyElementsOf(inline);
		// epoch 1's first row is source row permutation[0]: features 3r..3r+2, labels 2r,
		// 2r+1
		int first = EpochShuffle.permutation(ROWS, new Random(SEED))[0];
		assertThat(prefetched.get(0)).startsWith(3f * first, 3f * first + 1, 3f * first + 2, 2f * first,
				2f * first + 1);
		assertThat(prefetched.get(1)).isNotEqualTo(prefetched.get(0));
	}

	@Test
	void aResumedRunSkipsTheOrdersOfTheEpochsItDid() {
		List<List<Float>> uninterrupted = epochs(Long.MAX_VALUE, 0, 4);

		assertThat(epochs(Long.MAX_VALUE, 2, 2)).containsExactlyElementsOf(uninterrupted.subList(2, 4));
	}

	@Test
	void anEpochsBatchesStayAsTheyWereWhileTheNextEpochIsGathered() {
		EpochShuffle shuffle = new EpochShuffle(this.rows, BATCH, this.input, new Random(SEED), Long.MAX_VALUE);
		List<INDArray[]> epoch = shuffle.next(true);
		List<Float> before = values(epoch);

		shuffle.close(); // waits for the next epoch's gather

		assertThat(values(epoch)).containsExactlyElementsOf(before);
	}

	/** The batches' values of each epoch after skipping {@code skipped}. */
	private List<List<Float>> epochs(long prefetchLimit, int skipped, int epochs) {
		List<List<Float>> seen = new ArrayList<>();
		try (EpochShuffle shuffle = new EpochShuffle(this.rows, BATCH, this.input, new Random(SEED), prefetchLimit)) {
			shuffle.skip(skipped);
			for (int epoch = 1; epoch <= epochs; epoch++) {
				seen.add(values(shuffle.next(epoch < epochs)));
			}
		}
		return seen;
	}

	/** Each batch's features, then its labels, row by row. */
	private static List<Float> values(List<INDArray[]> batches) {
		List<Float> values = new ArrayList<>();
		for (INDArray[] batch : batches) {
			for (int row = 0; row < batch[0].rows(); row++) {
				for (float value : batch[0].getRow(row).toFloatVector()) {
					values.add(value);
				}
				for (float value : batch[1].getRow(row).toFloatVector()) {
					values.add(value);
				}
			}
		}
		return values;
	}

}
