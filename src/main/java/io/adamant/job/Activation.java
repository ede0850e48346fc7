package io.adamant.job;

import com.fasterxml.jackson.annotation.JsonValue;

/** Activation functions a layer may use. */
public enum Activation {

	RELU("relu"), LEAKY_RELU("leaky-relu"), ELU("elu"), GELU("gelu"), SWISH("swish"), TANH("tanh"), SIGMOID("sigmoid"),
	SOFTPLUS("softplus"), IDENTITY("identity");

	private final String jsonName;

	Activation(String jsonName) {
		this.jsonName = jsonName;
	}

	@JsonValue
	public String jsonName() {
		return this.jsonName;
	}

	@Override
	public String toString() {
		return this.jsonName;
	}

}
