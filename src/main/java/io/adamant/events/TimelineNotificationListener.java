package io.adamant.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds one connection of this instance in {@code LISTEN} on the channel the timeline
 * triggers notify, whichever instance wrote, and wakes the streams of the job named. The
 * queue's listener is a sibling: each feature owns its channels. If the connection breaks
 * it reconnects, and every stream re-reads, as notifications may have been lost.
 */
@Component
class TimelineNotificationListener implements SmartLifecycle {

	static final String CHANNEL = "adamant_job_timeline";

	private static final Logger log = LoggerFactory.getLogger(TimelineNotificationListener.class);

	private static final int WAIT_MILLIS = 500;

	private final DataSource dataSource;

	private final JobEventStreams streams;

	private volatile boolean running;

	private Thread thread;

	TimelineNotificationListener(DataSource dataSource, JobEventStreams streams) {
		this.dataSource = dataSource;
		this.streams = streams;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listenUntilStopped, "adamant-timeline-listener");
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
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				this.streams.drainAll();
				relayUntilStopped(connection.unwrap(PGConnection.class));
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Timeline notifications interrupted ({}); reconnecting", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void relayUntilStopped(PGConnection connection) throws SQLException {
		while (this.running) {
			PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					this.streams.timelineChanged(UUID.fromString(notification.getParameter()));
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
