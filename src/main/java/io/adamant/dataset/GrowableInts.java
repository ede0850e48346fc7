package io.adamant.dataset;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * 32-bit values appended one at a time, kept in fixed-size chunks so that growing never
 * copies what is already there (an upload's values may take a few hundred MB), and read
 * back as the little-endian bytes stored in PostgreSQL without a second copy in memory.
 * Floats are kept as their IEEE 754 bits.
 */
final class GrowableInts {

	private static final int CHUNK = 1 << 16;

	private final List<int[]> chunks = new ArrayList<>();

	private long size;

	void add(int value) {
		int offset = (int) (this.size % CHUNK);
		if (offset == 0) {
			this.chunks.add(new int[CHUNK]);
		}
		this.chunks.get(this.chunks.size() - 1)[offset] = value;
		this.size++;
	}

	void addFloat(float value) {
		add(Float.floatToRawIntBits(value));
	}

	long size() {
		return this.size;
	}

	int get(long index) {
		return this.chunks.get((int) (index / CHUNK))[(int) (index % CHUNK)];
	}

	/** Bytes the values take as int32 or float32. */
	long byteSize() {
		return this.size * Integer.BYTES;
	}

	/** The values, each passed through {@code mapping}, as little-endian bytes. */
	InputStream littleEndian(IntUnaryOperator mapping) {
		return new InputStream() {

			private long index;

			private int byteInValue;

			private int current;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
			}

			@Override
			public int read(byte[] target, int offset, int length) {
				if (length == 0) {
					return 0;
				}
				if (this.index >= GrowableInts.this.size) {
					return -1;
				}
				int written = 0;
				while (written < length && this.index < GrowableInts.this.size) {
					if (this.byteInValue == 0) {
						this.current = mapping.applyAsInt(get(this.index));
					}
					target[offset + written++] = (byte) (this.current >>> (8 * this.byteInValue));
					if (++this.byteInValue == Integer.BYTES) {
						this.byteInValue = 0;
						this.index++;
					}
				}
				return written;
			}

		};
	}

}
