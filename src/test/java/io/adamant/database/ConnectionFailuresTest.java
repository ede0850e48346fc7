package io.adamant.database;

import java.net.SocketException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures a training run's database writes retry: connection losses however they
 * are wrapped (the chains below were seen when PostgreSQL dropped every connection), and
 * nothing else.
 */
class ConnectionFailuresTest {

	@Test
	void retriesConnectionLossesHoweverWrapped() {
		RuntimeException rollbackOnDeadConnection = new JpaSystemException(new RuntimeException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed", "08003")));
		// as observed: the rollback's failure, without an SQL state, replaces the one
		// that
		// killed the transaction
		RuntimeException rollbackWithoutState = new JpaSystemException(new RuntimeException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
		RuntimeException adminShutdown = new JpaSystemException(new RuntimeException("JDBC exception executing SQL",
				new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
		RuntimeException brokenPipe = new JpaSystemException(new RuntimeException(
				new SQLException("An I/O error occurred", null, new SocketException("Broken pipe"))));

		assertThat(ConnectionFailures.isConnectionFailure(rollbackOnDeadConnection)).isTrue();
		assertThat(ConnectionFailures.isConnectionFailure(rollbackWithoutState)).isTrue();
		assertThat(ConnectionFailures.isConnectionFailure(adminShutdown)).isTrue();
		assertThat(ConnectionFailures.isConnectionFailure(brokenPipe)).isTrue();
	}

	@Test
	void doesNotRetryOtherFailures() {
		assertThat(ConnectionFailures.isConnectionFailure(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isFalse();
		assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
	}

}
