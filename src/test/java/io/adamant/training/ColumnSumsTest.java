package io.adamant.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link ColumnSums} must give libnd4j's column sums bit for bit. */
class ColumnSumsTest {

	@Test
	void givesLibnd4jsSumsOnTheMlpsShapes() {
		Nd4j.getRandom().setSeed(4);
		ColumnSums columnSums = new ColumnSums();
		// the MLPs' deltas, a width above one chunk, one row, and a row vector's width of
		// one
		int[][] shapes = { { 1024, 50 }, { 128, 512 }, { 64, 10 }, { 3, 5000 }, { 1, 7 }, { 9, 1 } };
		for (int[] shape : shapes) {
			INDArray matrix = Nd4j.randn(DataType.FLOAT, shape[0], shape[1]).muli(1e3);
			INDArray expected = Nd4j.zeros(DataType.FLOAT, 1, shape[1]);
			matrix.sum(expected, 0);
			INDArray actual = Nd4j.valueArrayOf(new long[] { 1, shape[1] }, 42f, DataType.FLOAT);
			assertThat(columnSums.sumInto(matrix, actual)).isTrue();
			assertThat(actual.data().asFloat()).as("%d × %d", shape[0], shape[1])
				.containsExactly(expected.data().asFloat());
		}
	}

	@Test
	void writesIntoAViewAtItsOffset() {
		INDArray matrix = Nd4j.rand(DataType.FLOAT, 6, 4);
		INDArray gradients = Nd4j.zeros(DataType.FLOAT, 1, 10);
		INDArray biasView = gradients.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
				org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 7));
		assertThat(new ColumnSums().sumInto(matrix, biasView)).isTrue();
		assertThat(gradients.getFloat(0, 2)).isZero();
		assertThat(gradients.getFloat(0, 7)).isZero();
		for (int column = 0; column < 4; column++) {
			assertThat(gradients.getFloat(0, 3 + column)).isCloseTo(matrix.getColumn(column).sumNumber().floatValue(),
					within(1e-5f));
		}
	}

	@Test
	void leavesOtherLayoutsToLibnd4j() {
		INDArray sums = Nd4j.zeros(DataType.FLOAT, 1, 4);
		ColumnSums columnSums = new ColumnSums();
		assertThat(columnSums.sumInto(Nd4j.rand(DataType.FLOAT, 6, 4).dup('f'), sums)).isFalse();
		assertThat(columnSums.sumInto(Nd4j.rand(DataType.DOUBLE, 6, 4), sums)).isFalse();
		assertThat(columnSums.sumInto(Nd4j.rand(DataType.FLOAT, 6, 5), sums)).isFalse();
		assertThat(sums.sumNumber().doubleValue()).isZero();
	}

}
