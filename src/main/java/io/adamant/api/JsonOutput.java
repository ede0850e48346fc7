package io.adamant.api;

import tools.jackson.core.StreamWriteFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How responses are written. */
@Configuration(proxyBeanMethods = false)
class JsonOutput {

	/**
	 * Doubles through Jackson's Schubfach writer instead of the JDK's
	 * {@code Double.toString}: metrics responses are mostly doubles, and the JDK's
	 * conversion was the largest single item in profiles of {@code GET …/metrics}.
	 */
	@Bean
	JsonMapperBuilderCustomizer fastDoubleWriter() {
		return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
	}

}
