package io.adamant.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run uses the server CI names, and hands out empty databases of their own. */
class TestDatabaseTest {

	@Test
	void usesTheServerFromTheEnvironmentWhenOneIsNamed() {
		String named = System.getenv(TestDatabase.URL_VARIABLE);
		if (named != null && !named.isBlank()) {
			assertThat(TestDatabase.kind()).startsWith("external PostgreSQL");
			assertThat(TestDatabase.newDatabase().url()).startsWith(named.replaceFirst("/[^/?]*(\\?.*)?$", "/"));
		}
		else {
			assertThat(TestDatabase.kind()).isIn("Testcontainers PostgreSQL", "embedded PostgreSQL");
		}
	}

	@Test
	void everyDatabaseIsNewAndEmpty() throws Exception {
		TestDatabase.Database first = TestDatabase.newDatabase();
		TestDatabase.Database second = TestDatabase.newDatabase();

		assertThat(first.url()).isNotEqualTo(second.url());
		try (Connection connection = DriverManager.getConnection(first.url(), first.username(), first.password());
				ResultSet tables = connection.createStatement()
					.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
			tables.next();
			assertThat(tables.getInt(1)).isZero();
		}
	}

}
