package io.adamant.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param jsonCacheSize how much of jobs' metrics, as the JSON that {@code GET
 * /jobs/{id}/metrics} sends, an instance keeps in memory; {@code 0} reads and serializes
 * the rows on every request
 */
@Validated
@ConfigurationProperties("adamant.metrics")
record MetricsProperties(@DefaultValue("32MB") DataSize jsonCacheSize) {

	MetricsProperties {
		if (jsonCacheSize.isNegative()) {
			throw new IllegalArgumentException("adamant.metrics.json-cache-size must not be negative");
		}
	}

}
