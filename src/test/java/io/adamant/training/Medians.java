package io.adamant.training;

import java.util.Arrays;

/** The benchmarks' summary statistic. */
final class Medians {

	private Medians() {
	}

	/** The middle value (the upper one of an even count). */
	static double of(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
