package io.adamant.training;

/**
 * Spike z-scores of a positive series (losses, gradient norms) over its last {@code size}
 * values, taken on log10 of the values: per-minibatch losses are heavy-tailed, and a
 * blow-up is a multiplicative jump. The deviation is floored at 0.05 (about 12%), so that
 * a series that has gone flat (a memorised loss, a clipped norm) does not turn rounding
 * noise into spikes: at the default threshold of 6, a spike is at least a doubling.
 */
final class RollingWindow {

	private static final double DEVIATION_FLOOR = 0.05;

	private static final double SMALLEST = 1e-30;

	private final double[] values;

	private final int minimumCount;

	private int next;

	private int count;

	private double sum;

	private double sumOfSquares;

	RollingWindow(int size) {
		this.values = new double[size];
		this.minimumCount = Math.max(8, size / 4);
	}

	void add(double value) {
		double log = log(value);
		if (this.count == this.values.length) {
			double evicted = this.values[this.next];
			this.sum -= evicted;
			this.sumOfSquares -= evicted * evicted;
		}
		else {
			this.count++;
		}
		this.values[this.next] = log;
		this.sum += log;
		this.sumOfSquares += log * log;
		this.next = (this.next + 1) % this.values.length;
	}

	/**
	 * How many deviations log10({@code value}) lies above the window's mean; 0 until the
	 * window has filled enough to judge.
	 */
	double zScore(double value) {
		if (this.count < this.minimumCount) {
			return 0;
		}
		double mean = this.sum / this.count;
		double variance = Math.max(0, this.sumOfSquares / this.count - mean * mean);
		double deviation = Math.max(Math.sqrt(variance), DEVIATION_FLOOR);
		return (log(value) - mean) / deviation;
	}

	private static double log(double value) {
		return Math.log10(Math.max(value, SMALLEST));
	}

}
