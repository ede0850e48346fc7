package io.adamant.training;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link SquareSums} on segments too large to read in Java, where BLAS computes the norm:
 * the same sums as a double-precision loop, and no overflow or lost NaN on exploding
 * gradients.
 */
class SquareSumsTest {

	private static final int LARGE = SquareSums.DIRECT_LIMIT + 7_000;

	private static final int SMALL = 300;

	@Test
	void largeSegmentsSumLikeADoublePrecisionLoop() {
		Nd4j.getRandom().setSeed(13);
		INDArray flat = Nd4j.randn(DataType.FLOAT, 1, LARGE + SMALL);
		double[] sums = sums(flat, 0.5, Double.NaN, null);
		assertMatchesLoop(sums[0], flat, 0, LARGE, 0.5, Double.POSITIVE_INFINITY);
		assertMatchesLoop(sums[1], flat, LARGE, LARGE + SMALL, 0.5, Double.POSITIVE_INFINITY);
	}

	@Test
	void aLargeSegmentAfterAnotherReadsItsOwnValues() {
		Nd4j.getRandom().setSeed(19);
		INDArray flat = Nd4j.randn(DataType.FLOAT, 1, SMALL + LARGE);
		double[] sums = sums(flat, SMALL, 1.0, Double.NaN, null);
		assertMatchesLoop(sums[1], flat, SMALL, SMALL + LARGE, 1.0, Double.POSITIVE_INFINITY);
	}

	@Test
	void clampsLargeSegmentsElementByElement() {
		Nd4j.getRandom().setSeed(17);
		INDArray flat = Nd4j.randn(DataType.FLOAT, 1, LARGE + SMALL);
		double[] clamped = new double[2];
		sums(flat, 2.0, 1.0, clamped);
		assertMatchesLoop(clamped[0], flat, 0, LARGE, 2.0, 1.0);
	}

	@Test
	void explodingGradientsStayFiniteWhereTheyAre() {
		INDArray flat = Nd4j.valueArrayOf(new long[] { 1, LARGE + SMALL }, 1e20f, DataType.FLOAT);
		double[] sums = sums(flat, 1.0, Double.NaN, null);
		// 1e40 per element overflows a float; the norm itself is about 1.9e22
		assertThat(sums[0]).isFinite().isCloseTo(1e40 * LARGE, within(1e-4 * 1e40 * LARGE));
	}

	@Test
	void aNonFiniteElementMakesTheSumNonFinite() {
		INDArray withNaN = Nd4j.randn(DataType.FLOAT, 1, LARGE + SMALL);
		withNaN.putScalar(0, 1234, Float.NaN);
		assertThat(sums(withNaN, 1.0, Double.NaN, null)[0]).isNaN();
		INDArray withInfinity = Nd4j.randn(DataType.FLOAT, 1, LARGE + SMALL);
		withInfinity.putScalar(0, 4321, Float.NEGATIVE_INFINITY);
		assertThat(sums(withInfinity, 1.0, Double.NaN, null)[0]).isNotFinite();
	}

	/** Segments [0, LARGE) and the rest. */
	private static double[] sums(INDArray flat, double scale, double clamp, double[] clampedSums) {
		return sums(flat, LARGE, scale, clamp, clampedSums);
	}

	/** Segments [0, split) and [split, length). */
	private static double[] sums(INDArray flat, int split, double scale, double clamp, double[] clampedSums) {
		long length = flat.length();
		List<INDArray> segments = List.of(flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, split)),
				flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(split, length)));
		SquareSums squareSums = new SquareSums(flat, segments);
		assertThat(squareSums.isDirect()).isTrue();
		double[] sums = new double[2];
		squareSums.compute(scale, clamp, sums, clampedSums);
		return sums;
	}

	/** Within 1e-5 of a double-precision loop over {@code flat[from, to)}. */
	private static void assertMatchesLoop(double sum, INDArray flat, int from, int to, double scale, double clamp) {
		assertThat(sum).isCloseTo(reference(flat, from, to, scale, clamp), within(1e-5 * sum));
	}

	private static double reference(INDArray flat, int from, int to, double scale, double clamp) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			double value = Math.min(Math.abs(flat.getDouble(0, i) * scale), clamp);
			sum += value * value;
		}
		return sum;
	}

}
