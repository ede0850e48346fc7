package io.adamant.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a dataset's labels are: classes to predict or values to regress. */
public enum DatasetTask {

	@JsonProperty("classification")
	CLASSIFICATION, @JsonProperty("regression")
	REGRESSION

}
