package io.adamant.database;

import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL keeps its data across restarts, even after a kill -9. */
class EmbeddedPostgresServerTest {

	@TempDir
	Path directory;

	@Test
	void keepsDataAcrossRestartsAndTakesOverAPostmasterOrphanedByAKilledJvm() throws Exception {
		Path data = this.directory.resolve("postgres");
		EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, "app");
		execute(first, "CREATE TABLE survivors (name text)", "INSERT INTO survivors VALUES ('epoch-1')");

		// a kill -9 of the JVM never runs close(): the postmaster keeps running and holds
		// postmaster.pid, so the next start must take the directory over
		EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data, "app");
		try {
			assertThat(count(second)).isEqualTo(1);
			assertThatThrownBy(() -> new Socket("127.0.0.1", first.port()).close())
				.as("the orphaned postmaster was stopped")
				.isInstanceOf(java.io.IOException.class);
			execute(second, "INSERT INTO survivors VALUES ('epoch-2')");
		}
		finally {
			second.close();
		}

		EmbeddedPostgresServer third = EmbeddedPostgresServer.start(data, "app");
		try {
			assertThat(count(third)).isEqualTo(2);
		}
		finally {
			third.close();
		}
	}

	private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl("app"), server.username(), "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static int count(EmbeddedPostgresServer server) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl("app"), server.username(), "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM survivors")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
