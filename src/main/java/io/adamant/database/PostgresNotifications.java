package io.adamant.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds one connection of this instance in {@code LISTEN} on every channel the
 * {@link NotificationSubscriber}s name, and hands each notification to the subscribers of
 * its channel. If the connection breaks it reconnects and tells every subscriber, as
 * notifications may have been lost meanwhile.
 */
@Component
class PostgresNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

	private static final int WAIT_MILLIS = 500;

	private final DataSource dataSource;

	private final List<NotificationSubscriber> subscribers;

	private volatile boolean running;

	private Thread thread;

	PostgresNotifications(DataSource dataSource, List<NotificationSubscriber> subscribers) {
		this.dataSource = dataSource;
		this.subscribers = subscribers;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listenUntilStopped, "adamant-notifications");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listenUntilStopped() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				listen(connection);
				this.subscribers.forEach(NotificationSubscriber::listening);
				relayUntilStopped(connection.unwrap(PGConnection.class));
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Database notifications interrupted ({}); reconnecting", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void listen(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (NotificationSubscriber subscriber : this.subscribers) {
				for (String channel : subscriber.channels()) {
					statement.execute("LISTEN " + channel);
				}
			}
		}
	}

	private void relayUntilStopped(PGConnection connection) throws SQLException {
		while (this.running) {
			PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					relay(notification);
				}
			}
		}
	}

	private void relay(PGNotification notification) {
		for (NotificationSubscriber subscriber : this.subscribers) {
			if (subscriber.channels().contains(notification.getName())) {
				try {
					subscriber.notified(notification.getName(), notification.getParameter());
				}
				catch (RuntimeException ex) {
					log.warn("Notification on {} not handled: {}", notification.getName(), ex.getMessage());
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
