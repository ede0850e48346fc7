package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Activation functions a layer may use. */
public enum Activation {

	@JsonProperty("relu")
	RELU, @JsonProperty("leaky-relu")
	LEAKY_RELU, @JsonProperty("elu")
	ELU, @JsonProperty("gelu")
	GELU, @JsonProperty("swish")
	SWISH, @JsonProperty("tanh")
	TANH, @JsonProperty("sigmoid")
	SIGMOID, @JsonProperty("softplus")
	SOFTPLUS, @JsonProperty("identity")
	IDENTITY

}
