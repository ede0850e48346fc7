package io.adamant.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a key is remembered; a retry after that creates a new
 * resource
 */
@Validated
@ConfigurationProperties("adamant.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration retention) {
}
