package io.adamant.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.adamant.database.EmbeddedPostgresServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the test run uses, picked once per run: the server named by
 * {@code ADAMANT_TEST_DATABASE_URL} (a JDBC URL whose user may create databases), else a
 * Testcontainers PostgreSQL when Docker is available, else the embedded PostgreSQL the
 * service itself falls back to. Every Spring test context gets a fresh database on it, so
 * contexts never see each other's jobs.
 */
public final class TestDatabase {

	public static final String URL_VARIABLE = "ADAMANT_TEST_DATABASE_URL";

	private static final AtomicInteger databases = new AtomicInteger();

	private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

	private static Server server;

	private TestDatabase() {
	}

	/** A new, empty database on the run's server. */
	public static synchronized Database newDatabase() {
		Server current = server();
		String name = "adamant_test_" + RUN_ID + "_" + databases.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(current.adminUrl(), current.properties());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " on " + current.kind(), ex);
		}
		return new Database(current.urlFor(name), current.properties().getProperty("user"),
				current.properties().getProperty("password", ""), current.kind());
	}

	/** Which kind of server this run uses, for logs. */
	public static synchronized String kind() {
		return server().kind();
	}

	private static Server server() {
		if (server == null) {
			server = pickServer();
			org.slf4j.LoggerFactory.getLogger(TestDatabase.class).info("Test databases live on: {}", server.kind());
		}
		return server;
	}

	private static Server pickServer() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			Server external = Server.fromUrl(url, "external PostgreSQL from " + URL_VARIABLE);
			dropStaleDatabases(external);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> dropRunDatabases(external), "test-databases-drop"));
			return external;
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			Properties properties = new Properties();
			properties.setProperty("user", container.getUsername());
			properties.setProperty("password", container.getPassword());
			return new Server(container.getJdbcUrl(), properties, "Testcontainers PostgreSQL");
		}
		Path directory = Path.of("target", "test-postgres").toAbsolutePath();
		deleteRecursively(directory);
		EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(directory, "postgres");
		Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-postgres-stop"));
		Properties properties = new Properties();
		properties.setProperty("user", embedded.username());
		return new Server(embedded.jdbcUrl("postgres"), properties, "embedded PostgreSQL");
	}

	/** Databases of runs that died without cleaning up, older than a day. */
	private static void dropStaleDatabases(Server server) {
		long dayAgo = System.currentTimeMillis() - 86_400_000L;
		dropWhere(server, name -> {
			String runId = name.split("_")[2];
			return Long.parseLong(runId, 36) < dayAgo;
		});
	}

	private static void dropRunDatabases(Server server) {
		dropWhere(server, name -> name.startsWith("adamant_test_" + RUN_ID + "_"));
	}

	private static void dropWhere(Server server, java.util.function.Predicate<String> condition) {
		try (Connection connection = DriverManager.getConnection(server.adminUrl(), server.properties());
				Statement statement = connection.createStatement()) {
			java.util.List<String> names = new java.util.ArrayList<>();
			try (var rows = statement
				.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^adamant_test_[0-9a-z]+_[0-9]+$'")) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
			for (String name : names) {
				if (condition.test(name)) {
					statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
			}
		}
		catch (SQLException ex) {
			// cleanup is best effort: a leftover database costs disk, not correctness
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where to reach a test database.
	 *
	 * @param url JDBC URL of the database
	 * @param username user
	 * @param password password, empty with trust authentication
	 * @param serverKind which kind of server holds it
	 */
	public record Database(String url, String username, String password, String serverKind) {
	}

	private record Server(String adminUrl, Properties properties, String kind) {

		static Server fromUrl(String url, String kind) {
			Properties properties = new Properties();
			properties.setProperty("user", "postgres");
			return new Server(url, properties, kind);
		}

		/** The same server and parameters with another database name. */
		String urlFor(String database) {
			return this.adminUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
		}

	}

}
