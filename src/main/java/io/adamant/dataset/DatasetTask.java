package io.adamant.dataset;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a dataset's labels are: classes to predict or values to regress. */
public enum DatasetTask {

	CLASSIFICATION("classification"), REGRESSION("regression");

	private final String jsonName;

	DatasetTask(String jsonName) {
		this.jsonName = jsonName;
	}

	@JsonValue
	public String jsonName() {
		return this.jsonName;
	}

}
