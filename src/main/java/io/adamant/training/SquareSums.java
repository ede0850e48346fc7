package io.adamant.training;

import java.nio.FloatBuffer;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sums of squares over the segments (one per parameter array) of one of the network's
 * flattened vectors. On the CPU backend with float32 data, segments up to
 * {@value #DIRECT_LIMIT} elements are read straight from the native buffer in Java: no op
 * call, nothing allocated, which keeps telemetry nearly free for small networks, where an
 * ND4J op call costs as much as a layer's arithmetic. Larger segments, and every segment
 * elsewhere (CUDA, other data types), get one multi-threaded ND4J reduction each.
 */
final class SquareSums {

	/**
	 * Above this many elements an ND4J reduction beats a Java loop (measured, bench/).
	 */
	static final int DIRECT_LIMIT = 32_768;

	private final INDArray flat;

	private final List<INDArray> segments;

	private final FloatBuffer buffer;

	private final int[] starts;

	private final int[] ends;

	private final INDArray scalar;

	/**
	 * Where read directly, the segments too large for Java as rank-1 views, made once:
	 * what BLAS reads.
	 */
	private final INDArray[] vectors;

	private INDArray scratch;

	SquareSums(INDArray flat, List<INDArray> segments) {
		this.flat = flat;
		this.segments = segments;
		this.scalar = Nd4j.scalar(flat.dataType(), 0);
		this.starts = new int[segments.size()];
		this.ends = new int[segments.size()];
		boolean direct = flat.dataType() == DataType.FLOAT
				&& Nd4j.getExecutioner().type() == OpExecutioner.ExecutionerType.NATIVE_CPU;
		for (int s = 0; s < segments.size() && direct; s++) {
			INDArray segment = segments.get(s);
			// a segment must be a dense run of the same memory to be read in place; views
			// have
			// DataBuffer objects of their own over the flat vector's memory, offsets
			// counted
			// from its start
			direct = segment.data().address() == flat.data().address() && isDense(segment);
			this.starts[s] = (int) segment.offset();
			this.ends[s] = (int) (segment.offset() + segment.length());
		}
		this.buffer = direct ? NativeFloats.of(flat) : null;
		this.vectors = new INDArray[segments.size()];
		for (int s = 0; s < segments.size() && direct; s++) {
			if (this.ends[s] - this.starts[s] > DIRECT_LIMIT) {
				this.vectors[s] = Nd4j.create(flat.data(), new long[] { this.ends[s] - this.starts[s] },
						new long[] { 1 }, this.starts[s], 1, 'c');
			}
		}
	}

	/** Whether this reads the native buffer directly (CPU, float32). */
	boolean isDirect() {
		return this.buffer != null;
	}

	/**
	 * Fills {@code sums[s]} with the sum of squares of {@code scale · x} over segment
	 * {@code s}, and, when {@code clamp} is finite, {@code clampedSums[s]} with the same
	 * of {@code scale · x} clamped to [-clamp, clamp].
	 */
	void compute(double scale, double clamp, double[] sums, double[] clampedSums) {
		for (int s = 0; s < this.starts.length; s++) {
			if (this.buffer != null && this.ends[s] - this.starts[s] <= DIRECT_LIMIT) {
				computeDirect(s, scale, clamp, sums, clampedSums);
			}
			else {
				computeWithOps(s, scale, clamp, sums, clampedSums);
			}
		}
	}

	/** Multiplies the whole flattened vector by {@code factor}, in place. */
	void scale(double factor) {
		if (this.buffer == null || this.flat.length() > DIRECT_LIMIT) {
			this.flat.muli(factor);
			return;
		}
		float f = (float) factor;
		int start = (int) this.flat.offset();
		for (int i = start, end = start + (int) this.flat.length(); i < end; i++) {
			this.buffer.put(i, this.buffer.get(i) * f);
		}
	}

	private void computeDirect(int s, double scale, double clamp, double[] sums, double[] clampedSums) {
		boolean clamping = Double.isFinite(clamp);
		FloatBuffer data = this.buffer;
		double sum = 0;
		double clampedSum = 0;
		for (int i = this.starts[s], end = this.ends[s]; i < end; i++) {
			double value = data.get(i) * scale;
			sum += value * value;
			if (clamping) {
				double clamped = Math.min(Math.abs(value), clamp);
				clampedSum += clamped * clamped;
			}
		}
		sums[s] = sum;
		if (clamping) {
			clampedSums[s] = clampedSum;
		}
	}

	private void computeWithOps(int s, double scale, double clamp, double[] sums, double[] clampedSums) {
		INDArray segment = this.segments.get(s);
		double norm = norm(this.vectors[s] != null ? this.vectors[s] : segment) * Math.abs(scale);
		sums[s] = norm * norm;
		if (Double.isFinite(clamp)) {
			double clamped = norm(clampedCopy(segment, scale, clamp));
			clampedSums[s] = clamped * clamped;
		}
	}

	private INDArray clampedCopy(INDArray segment, double scale, double clamp) {
		if (this.scratch == null || this.scratch.length() < segment.length()) {
			this.scratch = Nd4j.createUninitialized(segment.dataType(), segment.length());
		}
		INDArray copy = this.scratch.get(NDArrayIndex.interval(0, segment.length()))
			.assign(segment.reshape(segment.length()))
			.muli(scale);
		Transforms.min(copy, clamp, false);
		return Transforms.max(copy, -clamp, false);
	}

	/**
	 * The L2 norm. Where the elements are one dense run of float memory on the CPU, BLAS
	 * does it: {@code sdot} took 36 µs on 401,408 floats where ND4J's {@code Norm2} took
	 * 380 – 470 µs, a third of the 784-wide MLP's telemetry. A dot product of floats
	 * overflows from about 1.8e19 per element, which exploding gradients reach; then the
	 * scaled {@code snrm2} decides, and a NaN anywhere stays NaN. Read directly, every
	 * array here is a dense rank-1 view: a segment's, or the clamped copy's.
	 */
	private double norm(INDArray array) {
		if (this.buffer != null) {
			double squares = Nd4j.getBlasWrapper().dot(array, array);
			if (Double.isFinite(squares) || Double.isNaN(squares)) {
				return Math.sqrt(squares);
			}
			return Nd4j.getBlasWrapper().nrm2(array);
		}
		Nd4j.getExecutioner().exec(new Norm2(array, this.scalar));
		return this.scalar.getDouble(0);
	}

	/** A view whose elements fill one unbroken range of its buffer, in any order. */
	private static boolean isDense(INDArray segment) {
		long span = 1;
		long[] shape = segment.shape();
		long[] stride = segment.stride();
		long furthest = 0;
		for (int d = 0; d < shape.length; d++) {
			furthest += (shape[d] - 1) * Math.abs(stride[d]);
			span *= shape[d];
		}
		return furthest + 1 == span;
	}

}
