package io.adamant.training;

/**
 * What divergence detection found in one iteration.
 *
 * @param kind what was detected
 * @param epoch the epoch (1-based)
 * @param iteration the run's iteration: every minibatch counts, skipped or not
 * @param value the loss or gradient norm seen
 * @param zScore its z-score against the rolling window (spikes only)
 */
record Anomaly(Kind kind, int epoch, int iteration, double value, Double zScore) {

	enum Kind {

		NON_FINITE_LOSS("non-finite-loss"), NON_FINITE_GRADIENT("non-finite-gradient"), LOSS_SPIKE("loss-spike"),
		GRADIENT_NORM_SPIKE("gradient-norm-spike"), NON_FINITE_VALIDATION("non-finite-validation");

		private final String jsonName;

		Kind(String jsonName) {
			this.jsonName = jsonName;
		}

		/** The code events and the API use. */
		String code() {
			return this.jsonName;
		}

	}

	String describe() {
		return switch (this.kind) {
			case NON_FINITE_LOSS -> "the loss became %s".formatted(this.value);
			case NON_FINITE_GRADIENT -> "the gradient norm became %s".formatted(this.value);
			case NON_FINITE_VALIDATION -> "the validation loss became %s".formatted(this.value);
			case LOSS_SPIKE ->
				"loss spike: %.6g is %.1f standard deviations above the recent mean".formatted(this.value, this.zScore);
			case GRADIENT_NORM_SPIKE -> "gradient-norm spike: %.6g is %.1f standard deviations above the recent mean"
				.formatted(this.value, this.zScore);
		} + " (epoch %d, iteration %d)".formatted(this.epoch, this.iteration);
	}

	/**
	 * Thrown out of DL4J's {@code fit} before the update, so the step is never applied.
	 */
	static final class Rejected extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient Anomaly anomaly;

		Rejected(Anomaly anomaly) {
			super(anomaly.describe(), null, false, false);
			this.anomaly = anomaly;
		}

		Anomaly anomaly() {
			return this.anomaly;
		}

	}

}
