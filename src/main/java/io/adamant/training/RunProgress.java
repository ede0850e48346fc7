package io.adamant.training;

/**
 * Where a run is inside its epoch, written by the training thread after every iteration
 * and read by the heartbeat (into the database) and by the metrics endpoint. Plain
 * volatile fields: readers want a recent value, not a consistent snapshot, and the
 * training thread must not pay for a lock.
 */
final class RunProgress {

	private volatile int epochIteration;

	private volatile int epochIterations;

	private volatile long epochSamples;

	private volatile long epochStartNanos = System.nanoTime();

	private volatile double lastGradientNorm = Double.NaN;

	/** A new epoch of {@code iterations} iterations starts at {@code firstIteration}. */
	void startEpoch(int firstIteration, int iterations) {
		this.epochIteration = firstIteration;
		this.epochIterations = iterations;
		this.epochSamples = 0;
		this.epochStartNanos = System.nanoTime();
	}

	void iterationDone(int samples, double gradientNorm) {
		this.epochIteration++;
		this.epochSamples += samples;
		this.lastGradientNorm = gradientNorm;
	}

	/** Iterations finished in the current epoch. */
	int epochIteration() {
		return this.epochIteration;
	}

	/** Iterations of the current epoch; 0 before the first epoch starts. */
	int epochIterations() {
		return this.epochIterations;
	}

	/** Training samples per second in the current epoch so far; 0 before one finishes. */
	double samplesPerSecond() {
		long nanos = System.nanoTime() - this.epochStartNanos;
		return nanos <= 0 ? 0 : this.epochSamples * 1e9 / nanos;
	}

	/** The global L2 norm of the last iteration's gradient, before clipping. */
	double lastGradientNorm() {
		return this.lastGradientNorm;
	}

}
