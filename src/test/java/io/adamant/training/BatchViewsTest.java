package io.adamant.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainer makes each batch's arrays once per run, as views over the shuffle buffers
 * that every epoch's gather refills. That holds only while a batch of rows, reshaped to a
 * sequence batch, stays a view: if ND4J ever copied instead, training would read stale
 * rows.
 */
class BatchViewsTest {

	@Test
	void aReshapedBatchOfRowsSeesTheBufferRefilled() {
		INDArray buffer = Nd4j.zeros(DataType.FLOAT, 6, 10);
		INDArray rows = buffer.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
		INDArray sequences = rows.reshape('c', 2, 2, 5);

		Nd4j.pullRows(Nd4j.arange(60).castTo(DataType.FLOAT).reshape(6, 10), buffer, 1, new int[] { 5, 4, 3, 2, 1, 0 });

		// row 2 of the buffer is source row 3: 30..39
		assertThat(rows.getFloat(0, 0)).isEqualTo(30f);
		assertThat(sequences.getFloat(0, 0, 0)).isEqualTo(30f);
		assertThat(sequences.getFloat(1, 1, 4)).isEqualTo(29f);
	}

}
