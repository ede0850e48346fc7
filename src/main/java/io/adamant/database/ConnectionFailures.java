package io.adamant.database;

/** Tells failures of the database connection from other failures. */
public final class ConnectionFailures {

	private ConnectionFailures() {
	}

	/**
	 * Whether a failure came from losing the database connection (SQL states 08xxx, or
	 * 57P0x for a server shutting down), however Spring, Hibernate or Hikari wrapped it:
	 * the only failures worth retrying.
	 */
	public static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
			if (cause instanceof org.springframework.transaction.CannotCreateTransactionException
					|| cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.net.SocketException || isClosedConnection(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Hikari's and the driver's refusal to use a connection that has died, which comes
	 * without an SQL state when a rollback runs into it (and then hides the failure that
	 * killed the transaction).
	 */
	private static boolean isClosedConnection(Throwable cause) {
		return cause instanceof java.sql.SQLException && cause.getMessage() != null
				&& (cause.getMessage().equals("Connection is closed")
						|| cause.getMessage().equals("This connection has been closed."));
	}

}
