package io.adamant.sweep;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of sweeps.
 *
 * @param maxGridSize the most combinations (child jobs) one sweep may have: every child
 * is a queued job, so a careless grid would fill the queue
 */
@Validated
@ConfigurationProperties("adamant.sweeps")
public record SweepProperties(@DefaultValue("64") @Positive @Max(10_000) int maxGridSize) {
}
