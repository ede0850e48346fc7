package io.adamant.job;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every job spec must keep.
 *
 * @param maxParameters the most parameters a model may have
 */
@Validated
@ConfigurationProperties("adamant.limits")
public record JobLimits(@DefaultValue("10000000") @Positive long maxParameters) {
}
