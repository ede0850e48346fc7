package io.adamant.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds one connection in {@code LISTEN} on the channels the {@code jobs} triggers
 * notify, and republishes each notification as an application event. If the connection
 * breaks it reconnects; meanwhile workers fall back to polling.
 */
@Component
class QueueNotificationListener implements SmartLifecycle {

	static final String QUEUED_CHANNEL = "adamant_job_queued";

	static final String CANCEL_CHANNEL = "adamant_job_cancel";

	private static final Logger log = LoggerFactory.getLogger(QueueNotificationListener.class);

	private static final int WAIT_MILLIS = 500;

	private final DataSource dataSource;

	private final ApplicationEventPublisher events;

	private volatile boolean running;

	private Thread thread;

	QueueNotificationListener(DataSource dataSource, ApplicationEventPublisher events) {
		this.dataSource = dataSource;
		this.events = events;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listenUntilStopped, "adamant-queue-listener");
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
					statement.execute("LISTEN " + QUEUED_CHANNEL);
					statement.execute("LISTEN " + CANCEL_CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							publish(notification);
						}
					}
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Queue notifications interrupted ({}); reconnecting", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void publish(PGNotification notification) {
		UUID jobId = UUID.fromString(notification.getParameter());
		if (QUEUED_CHANNEL.equals(notification.getName())) {
			this.events.publishEvent(new QueueEvents.JobQueued(jobId));
		}
		else if (CANCEL_CHANNEL.equals(notification.getName())) {
			this.events.publishEvent(new QueueEvents.CancelRequested(jobId));
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
