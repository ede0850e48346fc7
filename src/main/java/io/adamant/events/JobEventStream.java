package io.adamant.events;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of one job's timeline. It holds no thread and no connection while
 * it waits: each {@link #drain()} reads what is new past its cursor, sends it, and
 * returns. Drains of one stream never overlap, so events go out once and in order.
 */
final class JobEventStream {

	private static final Logger log = LoggerFactory.getLogger(JobEventStream.class);

	private static final int BATCH = 100;

	private final UUID jobId;

	private final SseEmitter emitter;

	private final JobTimeline timeline;

	private final TimelineRenderer renderer;

	private final Consumer<JobEventStream> onClose;

	/** Set while a drain is due, so that a burst of notifications queues one drain. */
	private final AtomicBoolean drainPending = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** The id of the last timeline row handled; guarded by {@code this}. */
	private long cursor;

	JobEventStream(UUID jobId, long lastEventId, SseEmitter emitter, JobTimeline timeline, TimelineRenderer renderer,
			Consumer<JobEventStream> onClose) {
		this.jobId = jobId;
		this.cursor = lastEventId;
		this.emitter = emitter;
		this.timeline = timeline;
		this.renderer = renderer;
		this.onClose = onClose;
	}

	UUID jobId() {
		return this.jobId;
	}

	/** Claims the next drain; false if one is already due and will see the news. */
	boolean requestDrain() {
		return !this.closed.get() && this.drainPending.compareAndSet(false, true);
	}

	/**
	 * Sends the rows past the cursor, and ends the stream once the job has ended and all
	 * its rows are sent. A database failure leaves the stream open for the next try.
	 */
	synchronized void drain() {
		this.drainPending.set(false);
		if (this.closed.get()) {
			return;
		}
		try {
			TimelineSlice slice;
			do {
				slice = this.timeline.read(this.jobId, this.cursor, BATCH);
				send(this.renderer.render(this.jobId, slice.entries()));
				if (!slice.entries().isEmpty()) {
					this.cursor = slice.entries().get(slice.entries().size() - 1).id();
				}
			}
			while (!slice.complete() && !this.closed.get());
			if (slice.isLast()) {
				close();
			}
		}
		catch (DataAccessException ex) {
			log.debug("Could not read the timeline of job {} ({}); will retry", this.jobId, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// the pool would swallow it silently; a client reconnects and retries
			log.warn("Live event stream of job {} failed; closing it", this.jobId, ex);
			close();
		}
	}

	/** Sends a comment line, which clients ignore and proxies see as traffic. */
	synchronized void heartbeat() {
		if (!this.closed.get()) {
			deliver(SseEmitter.event().comment("keep-alive"));
		}
	}

	/** Ends the stream; the client may reconnect with the id of the last event it got. */
	void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.onClose.accept(this);
			this.emitter.complete();
		}
	}

	/** Forgets the stream after the container ended it (timeout, error, client gone). */
	void closed() {
		if (this.closed.compareAndSet(false, true)) {
			this.onClose.accept(this);
		}
	}

	private void send(List<StreamEvent> events) {
		for (StreamEvent event : events) {
			if (!deliver(SseEmitter.event()
				.id(Long.toString(event.id()))
				.name(event.name())
				.data(event.data(), MediaType.APPLICATION_JSON))) {
				return;
			}
		}
	}

	/** Sends, or closes the stream if the client is gone. */
	private boolean deliver(SseEmitter.SseEventBuilder event) {
		try {
			this.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the container ended the response (timeout);
			// the container completes it either way
			closed();
			return false;
		}
	}

}
