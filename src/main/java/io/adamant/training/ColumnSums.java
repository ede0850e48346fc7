package io.adamant.training;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer's bias gradient, the column sums of its {@code delta}, in Java. libnd4j's
 * {@code sum} over dimension 0 ({@code reduceExec21}) keeps one float accumulator per
 * column and reads the column with a stride: 7.6% of a batch-1024 MLP step. This adds row
 * after row into an array of float sums, the same additions in the same order, in a loop
 * the JIT vectorises across columns.
 */
final class ColumnSums {

	private static final int CHUNK = 4096;

	private final NativeFloats deltaMemory = new NativeFloats();

	private final NativeFloats sumMemory = new NativeFloats();

	private float[] rows = new float[0];

	private float[] sums = new float[0];

	/**
	 * Writes the column sums of {@code matrix} into {@code sums}.
	 * @return false, having done nothing, unless {@code matrix} is a 'c'-order float32
	 * matrix and {@code sums} a float32 vector of its width, both consecutive in memory
	 */
	boolean sumInto(INDArray matrix, INDArray sums) {
		if (!NativeFloats.isDense(matrix) || !NativeFloats.isDense(sums) || matrix.rank() != 2
				|| matrix.ordering() != 'c' || sums.length() != matrix.columns() || !sums.isVectorOrScalar()) {
			return false;
		}
		FloatBuffer in = this.deltaMemory.covering(matrix);
		FloatBuffer out = this.sumMemory.covering(sums);
		if (in == null || out == null) {
			return false;
		}
		int width = (int) matrix.columns();
		int height = (int) matrix.rows();
		int mi = (int) matrix.offset();
		int si = (int) sums.offset();
		int rowsPerChunk = Math.max(1, CHUNK / width);
		prepare(width, rowsPerChunk);
		for (int row = 0; row < height; row += rowsPerChunk) {
			int count = Math.min(rowsPerChunk, height - row);
			in.get(mi + row * width, this.rows, 0, count * width);
			add(count, width);
		}
		out.put(si, this.sums, 0, width);
		return true;
	}

	private void prepare(int width, int rowsPerChunk) {
		if (this.sums.length < width) {
			this.sums = new float[width];
		}
		if (this.rows.length < width * rowsPerChunk) {
			this.rows = new float[width * rowsPerChunk];
		}
		Arrays.fill(this.sums, 0, width, 0f);
	}

	private void add(int count, int width) {
		float[] total = this.sums;
		float[] values = this.rows;
		for (int row = 0; row < count; row++) {
			int start = row * width;
			for (int column = 0; column < width; column++) {
				total[column] = values[start + column] + total[column];
			}
		}
	}

}
