package io.adamant.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a dataset's features are laid out, and so which models can read them. */
public enum InputKind {

	/** A flat row of features: {@code shape} is [features]. */
	@JsonProperty("tabular")
	TABULAR,
	/**
	 * An image: {@code shape} is [channels, height, width], rows stored flat in that
	 * order.
	 */
	@JsonProperty("image")
	IMAGE,
	/**
	 * A sequence: {@code shape} is [features per step, steps], rows stored flat
	 * feature-major (all steps of feature 0, then of feature 1, …).
	 */
	@JsonProperty("sequence")
	SEQUENCE

}
