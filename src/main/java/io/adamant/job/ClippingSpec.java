package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Gradient clipping, applied to each iteration's gradient (of the mean minibatch loss)
 * before the optimizer sees it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ClippingSpec.None.class, name = "none"),
		@JsonSubTypes.Type(value = ClippingSpec.Value.class, name = "value"),
		@JsonSubTypes.Type(value = ClippingSpec.L2PerLayer.class, name = "l2-per-layer"),
		@JsonSubTypes.Type(value = ClippingSpec.L2PerParamType.class, name = "l2-per-param-type"),
		@JsonSubTypes.Type(value = ClippingSpec.RenormalizeL2PerLayer.class, name = "renormalize-l2-per-layer"),
		@JsonSubTypes.Type(value = ClippingSpec.RenormalizeL2PerParamType.class,
				name = "renormalize-l2-per-param-type"),
		@JsonSubTypes.Type(value = ClippingSpec.GlobalNorm.class, name = "global-norm") })
public sealed interface ClippingSpec {

	/** No clipping. */
	@Schema(name = "NoClipping")
	record None() implements ClippingSpec {
	}

	/**
	 * Clamps every gradient element into [-threshold, threshold].
	 *
	 * @param threshold the largest absolute value an element keeps
	 */
	@Schema(name = "ValueClipping")
	record Value(@NotNull @Positive Double threshold) implements ClippingSpec {
	}

	/**
	 * Rescales each layer's gradient (all its parameters together) to an L2 norm of at
	 * most the threshold.
	 *
	 * @param threshold the largest L2 norm a layer's gradient keeps
	 */
	@Schema(name = "L2PerLayerClipping")
	record L2PerLayer(@NotNull @Positive Double threshold) implements ClippingSpec {
	}

	/**
	 * Rescales each parameter's gradient (a layer's weights, its biases) to an L2 norm of
	 * at most the threshold.
	 *
	 * @param threshold the largest L2 norm a parameter's gradient keeps
	 */
	@Schema(name = "L2PerParamTypeClipping")
	record L2PerParamType(@NotNull @Positive Double threshold) implements ClippingSpec {
	}

	/** Rescales each layer's gradient to unit L2 norm, whatever its size. */
	@Schema(name = "RenormalizeL2PerLayerClipping")
	record RenormalizeL2PerLayer() implements ClippingSpec {
	}

	/** Rescales each parameter's gradient to unit L2 norm, whatever its size. */
	@Schema(name = "RenormalizeL2PerParamTypeClipping")
	record RenormalizeL2PerParamType() implements ClippingSpec {
	}

	/**
	 * Rescales the whole network's gradient so that its L2 norm, taken over all
	 * parameters at once, is at most the threshold: PyTorch's {@code clip_grad_norm_}.
	 *
	 * @param threshold the largest global L2 norm the gradient keeps
	 */
	@Schema(name = "GlobalNormClipping")
	record GlobalNorm(@NotNull @Positive Double threshold) implements ClippingSpec {
	}

}
