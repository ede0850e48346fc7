package io.adamant.training;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The native float32 memory under ND4J arrays, for Java loops that read or write it in
 * place. A view's {@code DataBuffer} starts where its base array's does and its offset
 * counts from there, so one buffer serves every view of a base array. Keeps the last
 * buffer made: the views DL4J hands over are new objects each step, over the same memory.
 */
final class NativeFloats {

	private FloatBuffer buffer;

	private long address;

	/** The whole buffer under {@code array}, indexed from its base array's start. */
	static FloatBuffer of(INDArray array) {
		return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
	}

	/**
	 * Whether {@code array} is float32 with its elements consecutive in memory, in its
	 * own ordering, at int offsets.
	 */
	static boolean isDense(INDArray array) {
		return array.dataType() == DataType.FLOAT && array.elementWiseStride() == 1 && !array.isEmpty()
				&& array.offset() + array.length() <= Integer.MAX_VALUE;
	}

	/**
	 * As {@link #under(INDArray)}, or null where {@code array}'s elements do not all lie
	 * in the buffer.
	 */
	FloatBuffer covering(INDArray array) {
		FloatBuffer memory = under(array);
		return (array.offset() + array.length() <= memory.limit()) ? memory : null;
	}

	/**
	 * The same memory as {@link #of(INDArray)}, read as the floats' bit patterns, for
	 * loops that select or mask floats with integer operations only.
	 */
	static IntBuffer bitsOf(INDArray array) {
		return array.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
	}

	/** As {@link #of(INDArray)}, made again only when the memory is another. */
	private FloatBuffer under(INDArray array) {
		long current = array.data().address();
		if (this.buffer == null || this.address != current) {
			this.buffer = of(array);
			this.address = current;
		}
		return this.buffer;
	}

}
