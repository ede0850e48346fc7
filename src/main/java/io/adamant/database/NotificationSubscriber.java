package io.adamant.database;

import java.util.Set;

/**
 * A feature that wants PostgreSQL notifications, whichever instance's transaction sent
 * them; {@link PostgresNotifications} delivers them on its listener thread, so a
 * subscriber hands long work to threads of its own.
 */
public interface NotificationSubscriber {

	/** The channels to {@code LISTEN} on. */
	Set<String> channels();

	void notified(String channel, String payload);

	/**
	 * The listening connection was (re)established: notifications sent while it was down
	 * are lost, so anything waiting for one should look for itself.
	 */
	default void listening() {
	}

}
