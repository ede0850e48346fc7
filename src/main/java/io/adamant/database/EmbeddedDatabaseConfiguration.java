package io.adamant.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url} configured the service runs on its own embedded
 * PostgreSQL, so that one command starts a working service on a fresh machine.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgresServer(EmbeddedDatabaseProperties properties) {
		return EmbeddedPostgresServer.start(properties.dataDirectory(), properties.database());
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgresServer server, EmbeddedDatabaseProperties properties) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(server.jdbcUrl(properties.database()));
		dataSource.setUsername(server.username());
		dataSource.setMaximumPoolSize(properties.maxPoolSize());
		dataSource.setPoolName("embedded-postgres");
		return dataSource;
	}

}
