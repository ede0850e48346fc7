package io.adamant.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live event streams this instance serves. Streams wait without a thread: a
 * notification for a job, or the periodic re-read, schedules a drain of each of its
 * streams on a small pool, which reads the new timeline rows and sends them.
 */
@Component
class JobEventStreams implements SmartLifecycle {

	private static final int THREADS = 2;

	private final JobTimeline timeline;

	private final TimelineRenderer renderer;

	private final EventStreamProperties properties;

	private final Set<JobEventStream> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(THREADS,
			daemonThreads("adamant-event-stream-"));

	private List<ScheduledFuture<?>> periodic = List.of();

	private volatile boolean running;

	private volatile boolean stopped;

	JobEventStreams(JobTimeline timeline, TimelineRenderer renderer, EventStreamProperties properties) {
		this.timeline = timeline;
		this.renderer = renderer;
		this.properties = properties;
	}

	/**
	 * Opens a stream of the job's timeline rows after {@code lastEventId} (0 for all of
	 * them).
	 * @throws StreamsUnavailableException if this instance serves its limit already, or
	 * is stopping
	 */
	SseEmitter open(UUID jobId, long lastEventId) {
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		JobEventStream stream = new JobEventStream(jobId, lastEventId, emitter, this.timeline, this.renderer,
				this.open::remove);
		register(stream);
		emitter.onTimeout(stream::close);
		emitter.onError(error -> stream.closed());
		emitter.onCompletion(stream::closed);
		drainSoon(stream);
		return emitter;
	}

	/** The job's timeline has new rows: its streams read them. */
	void timelineChanged(UUID jobId) {
		for (JobEventStream stream : this.open) {
			if (stream.jobId().equals(jobId)) {
				drainSoon(stream);
			}
		}
	}

	/** Every stream re-reads: after notifications may have been missed. */
	void drainAll() {
		this.open.forEach(this::drainSoon);
	}

	@Override
	public void start() {
		long poll = this.properties.pollInterval().toMillis();
		long heartbeat = this.properties.heartbeatInterval().toMillis();
		this.periodic = List.of(this.executor.scheduleWithFixedDelay(this::drainAll, poll, poll, TimeUnit.MILLISECONDS),
				this.executor.scheduleWithFixedDelay(this::heartbeatAll, heartbeat, heartbeat, TimeUnit.MILLISECONDS));
		this.stopped = false;
		this.running = true;
	}

	/**
	 * Ends every stream before the web server's graceful shutdown, which would otherwise
	 * wait for them; clients reconnect, to another instance, with {@code Last-Event-ID}.
	 */
	@Override
	public void stop() {
		this.stopped = true;
		this.running = false;
		this.periodic.forEach(task -> task.cancel(false));
		List.copyOf(this.open).forEach(JobEventStream::close);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@PreDestroy
	void shutdownExecutor() {
		this.executor.shutdownNow();
	}

	private void register(JobEventStream stream) {
		// a stream opened after stop() would hold up the graceful shutdown
		if (this.stopped) {
			throw StreamsUnavailableException.stopping();
		}
		synchronized (this.open) {
			if (this.open.size() >= this.properties.maxStreams()) {
				throw StreamsUnavailableException.atLimit(this.properties.maxStreams());
			}
			this.open.add(stream);
		}
	}

	private void heartbeatAll() {
		this.open.forEach(stream -> submit(stream::heartbeat));
	}

	private void drainSoon(JobEventStream stream) {
		if (stream.requestDrain()) {
			submit(stream::drain);
		}
	}

	private void submit(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the streams are being closed
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
