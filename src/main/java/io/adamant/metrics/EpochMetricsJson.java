package io.adamant.metrics;

import tools.jackson.core.SerializableString;
import tools.jackson.databind.util.RawValue;

/**
 * A job's epoch rows as the JSON array of their {@link EpochMetricsView}s, which Jackson
 * writes into a response as it is. The API document shows it as that array.
 */
public final class EpochMetricsJson extends RawValue {

	EpochMetricsJson(SerializableString json) {
		super(json);
	}

}
