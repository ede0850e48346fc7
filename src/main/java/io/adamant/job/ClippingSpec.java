package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Gradient clipping, applied to each iteration's gradient before the optimizer. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ClippingSpec.None.class, name = "none"),
		@JsonSubTypes.Type(value = ClippingSpec.Value.class, name = "value"),
		@JsonSubTypes.Type(value = ClippingSpec.L2PerLayer.class, name = "l2-per-layer") })
public sealed interface ClippingSpec {

	/** No clipping. */
	record None() implements ClippingSpec {
	}

	/**
	 * Clamps every gradient element into [-threshold, threshold].
	 *
	 * @param threshold the largest absolute value an element keeps
	 */
	record Value(@NotNull @Positive Double threshold) implements ClippingSpec {
	}

	/**
	 * Rescales each layer's gradient (all its parameters together) so that its L2 norm is
	 * at most the threshold.
	 *
	 * @param threshold the largest L2 norm a layer's gradient keeps
	 */
	record L2PerLayer(@NotNull @Positive Double threshold) implements ClippingSpec {
	}

}
