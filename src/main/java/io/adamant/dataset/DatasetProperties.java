package io.adamant.dataset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on uploaded datasets.
 *
 * @param maxUploadSize the largest CSV file accepted; {@code spring.servlet.multipart.*}
 * follow it in {@code application.yaml}
 * @param maxClasses the most distinct labels a classification upload may have
 */
@Validated
@ConfigurationProperties("adamant.datasets")
public record DatasetProperties(@DefaultValue("50MB") DataSize maxUploadSize,
		@DefaultValue("1000") @Min(2) @Max(100_000) int maxClasses) {
}
