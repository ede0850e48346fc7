package io.adamant.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The network to train. Its output layer and loss follow from the dataset's task: softmax
 * with cross-entropy for classification, identity with mean squared error for regression.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ModelSpec.Mlp.class, name = "mlp") })
public sealed interface ModelSpec {

	ModelSpec withDefaults();

	/**
	 * A multi-layer perceptron.
	 *
	 * @param hiddenLayers the dense layers between the input and the output layer, in
	 * order
	 */
	record Mlp(@NotNull @Size(max = 32) List<@NotNull @Valid DenseLayer> hiddenLayers) implements ModelSpec {

		@Override
		public Mlp withDefaults() {
			return new Mlp(this.hiddenLayers.stream().map(DenseLayer::withDefaults).toList());
		}

	}

	/**
	 * A fully connected layer.
	 *
	 * @param units its width
	 * @param activation its activation; {@code relu} if left out
	 */
	record DenseLayer(@NotNull @Positive @Max(8192) Integer units, Activation activation) {

		DenseLayer withDefaults() {
			return new DenseLayer(this.units, this.activation == null ? Activation.RELU : this.activation);
		}

	}

}
