package io.adamant.database;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the data lives; survives restarts
 * @param database the database the service uses
 * @param maxPoolSize connections in the pool
 */
@Validated
@ConfigurationProperties("adamant.embedded-database")
record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") Path dataDirectory,
		@DefaultValue("adamant") @NotBlank String database, @DefaultValue("10") @Positive int maxPoolSize) {
}
