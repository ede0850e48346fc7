package io.adamant.training;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.adamant.database.ConnectionFailures;
import io.adamant.checkpoint.CheckpointKind;
import io.adamant.checkpoint.CheckpointMetrics;
import io.adamant.checkpoint.CheckpointView;
import io.adamant.checkpoint.Checkpoints;
import io.adamant.job.JobSpec;
import io.adamant.job.JobSpecCodec;
import io.adamant.metrics.EpochResult;
import io.adamant.metrics.JobEvent;
import io.adamant.metrics.JobEventType;
import io.adamant.metrics.JobEvents;
import io.adamant.metrics.JobMetrics;
import io.adamant.queue.ClaimedJob;
import io.adamant.queue.JobOutcome;
import io.adamant.queue.JobQueue;
import io.adamant.queue.LeaseState;
import io.adamant.queue.QueueEvents;
import io.adamant.queue.QueueProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance's training workers: each claims a job, trains it outside any transaction,
 * writes every epoch in a transaction of its own, and ends the job. A scheduler renews
 * the leases of running jobs and relays cancellations.
 */
@Component
class TrainingWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TrainingWorkers.class);

	private static final int DATABASE_RETRIES = 10;

	private final JobQueue queue;

	private final JobMetrics metrics;

	private final JobEvents events;

	private final Checkpoints checkpoints;

	private final JobSpecCodec specs;

	private final Trainer trainer;

	private final TransactionTemplate transactions;

	private final WorkerProperties properties;

	private final QueueProperties queueProperties;

	private final RunningJobMeters meters;

	private final WakeupSignal wakeup = new WakeupSignal();

	private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private ScheduledExecutorService heartbeats;

	TrainingWorkers(JobQueue queue, JobMetrics metrics, JobEvents events, Checkpoints checkpoints, JobSpecCodec specs,
			Trainer trainer, TransactionTemplate transactions, WorkerProperties properties,
			QueueProperties queueProperties, RunningJobMeters meters) {
		this.queue = queue;
		this.metrics = metrics;
		this.events = events;
		this.checkpoints = checkpoints;
		this.specs = specs;
		this.trainer = trainer;
		this.transactions = transactions;
		this.properties = properties;
		this.queueProperties = queueProperties;
		this.meters = meters;
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			return;
		}
		this.running = true;
		int nativeThreads = NativeThreads.configure(this.properties.nativeThreads(), this.properties.concurrency());
		String instance = this.properties.instanceName().isBlank() ? instanceName() : this.properties.instanceName();
		for (int i = 1; i <= this.properties.concurrency(); i++) {
			String workerId = instance + "/worker-" + i;
			Thread thread = new Thread(() -> {
				// OpenMP's thread count is a setting of each calling thread, not of the
				// process
				NativeThreads.applyToCurrentThread(nativeThreads);
				ThreadNiceness.applyToCurrentThread(this.properties.nice())
					.ifPresent((nice) -> log.info("{} trains at nice {}", workerId, nice));
				workUntilStopped(workerId);
			}, "adamant-worker-" + i);
			thread.start();
			this.threads.add(thread);
		}
		this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "adamant-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.queueProperties.heartbeatInterval().toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::heartbeatAll, period, period, TimeUnit.MILLISECONDS);
		log.info("Started {} training worker(s) as {}", this.properties.concurrency(), instance);
	}

	/** Stops claiming, hands running jobs back to the queue and waits for the workers. */
	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.active.values().forEach(run -> run.control().stop(RunControl.StopReason.SHUTDOWN));
		this.wakeup.signal();
		long deadline = System.nanoTime() + this.properties.shutdownGrace().toNanos();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.heartbeats.shutdownNow();
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stop before the web server and the queue listener, start after them
		return Integer.MAX_VALUE - 1000;
	}

	@EventListener
	void onJobQueued(QueueEvents.JobQueued event) {
		this.wakeup.signal();
	}

	/**
	 * A job queued while notifications were down would otherwise wait for the next poll.
	 */
	@EventListener
	void onNotificationsResumed(QueueEvents.NotificationsResumed event) {
		this.wakeup.signal();
	}

	@EventListener
	void onCancelRequested(QueueEvents.CancelRequested event) {
		ActiveRun run = this.active.get(event.jobId());
		if (run != null) {
			run.control().stop(RunControl.StopReason.CANCELLED);
		}
	}

	private void workUntilStopped(String workerId) {
		while (this.running) {
			try {
				long seen = this.wakeup.generation();
				Optional<ClaimedJob> claimed = this.queue.claim(workerId);
				if (claimed.isPresent()) {
					run(claimed.get());
				}
				else {
					this.wakeup.awaitAfter(seen, this.queueProperties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// the database may be briefly unreachable; back off and try again
				log.error("Worker {} failed outside a job; retrying", workerId, ex);
				sleepQuietly();
			}
		}
	}

	private void run(ClaimedJob job) {
		RunControl control = new RunControl();
		this.active.put(job.id(), new ActiveRun(job, control));
		try (RunningJobMeters.Registration registration = this.meters.register(job.id(), control.progress())) {
			log.info("Training job {} (attempt {}) on {}", job.id(), job.attempt(), job.workerId());
			TrainingCallbacks.Resume resume = job.attempt() > 1 ? prepareResume(job) : null;
			if (resume == null) {
				resume = prepareStartFrom(job);
			}
			try {
				conclude(job, train(job, control, resume));
			}
			finally {
				if (resume != null) {
					deleteQuietly(resume.checkpoint());
				}
			}
		}
		finally {
			this.active.remove(job.id());
		}
	}

	private TrainingOutcome train(ClaimedJob job, RunControl control, TrainingCallbacks.Resume resume) {
		try {
			JobSpec spec = this.specs.read(job.specJson());
			return this.trainer.train(spec, control,
					new DatabaseCallbacks(job, spec.training().checkpoints().keepLast()), resume);
		}
		catch (RuntimeException ex) {
			log.warn("Job {} failed", job.id(), ex);
			return new TrainingOutcome.Failed("Training failed: " + describe(ex));
		}
	}

	/**
	 * Runs a database write, retrying while the database is unreachable (a restart,
	 * dropped connections): training is not thrown away for a blip. If it stays
	 * unreachable the error propagates, the job stays RUNNING, and a reaper re-queues it
	 * once its lease expires.
	 */
	private static <T> T retrying(String what, java.util.function.Supplier<T> write) {
		for (int attempt = 1;; attempt++) {
			try {
				return write.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= DATABASE_RETRIES || !ConnectionFailures.isConnectionFailure(ex)) {
					throw ex;
				}
				log.warn("Could not {} (try {} of {}): {}; retrying", what, attempt, DATABASE_RETRIES, ex.getMessage());
				sleepQuietly(attempt * 500L);
			}
		}
	}

	private void conclude(ClaimedJob job, TrainingOutcome outcome) {
		if (outcome instanceof TrainingOutcome.Completed completed) {
			storeAndFinish(job, completed.checkpoint(), completed.epochs(), CheckpointKind.FINAL, JobOutcome.SUCCEEDED,
					null, checkpoint -> {
					});
		}
		else if (outcome instanceof TrainingOutcome.Diverged diverged) {
			Anomaly anomaly = diverged.anomaly();
			storeAndFinish(job, diverged.lastGoodCheckpoint(), diverged.lastGoodEpoch(), CheckpointKind.LAST_GOOD,
					JobOutcome.DIVERGED, "Training diverged: " + diverged.summary(),
					checkpoint -> this.events.record(job.id(), job.attempt(),
							new JobEvent(JobEventType.DIVERGED, anomaly.epoch(), anomaly.iteration(),
									anomaly.kind().code(), diverged.summary(), anomaly.value(), null, checkpoint)));
		}
		else if (outcome instanceof TrainingOutcome.Interrupted interrupted) {
			checkpointAndRelease(job, interrupted);
		}
		else if (outcome instanceof TrainingOutcome.Failed failed) {
			this.queue.finish(job, JobOutcome.FAILED, failed.reason());
		}
		else if (outcome instanceof TrainingOutcome.Stopped stopped) {
			switch (stopped.reason()) {
				case CANCELLED -> this.queue.finish(job, JobOutcome.CANCELLED, null);
				case SHUTDOWN -> this.queue.release(job);
				case LEASE_LOST -> log.warn("Job {} was taken over elsewhere; its result here is dropped", job.id());
			}
		}
		log.info("Job {} ended: {}", job.id(), outcome);
	}

	/** Stores the interrupted state and hands the job back to the queue, together. */
	private void checkpointAndRelease(ClaimedJob job, TrainingOutcome.Interrupted interrupted) {
		try {
			retrying("hand the job back", () -> this.transactions.execute(tx -> {
				this.checkpoints.storeInterrupted(job.id(), interrupted.completedEpochs(), interrupted.nextBatch(),
						interrupted.checkpoint());
				this.checkpoints.prune(job.id(), CheckpointKind.SHUTDOWN, 1);
				if (!this.queue.release(job)) {
					tx.setRollbackOnly();
				}
				return null;
			}));
		}
		finally {
			deleteQuietly(interrupted.checkpoint());
		}
	}

	/**
	 * Stores the checkpoint (if there is one), lets {@code alsoRecord} write what goes
	 * with it, and ends the job, all in one transaction fenced by the lease.
	 */
	private void storeAndFinish(ClaimedJob job, Path checkpointFile, int epoch, CheckpointKind kind, JobOutcome outcome,
			String reason, java.util.function.Consumer<UUID> alsoRecord) {
		try {
			retrying("end the job", () -> this.transactions.execute(tx -> {
				UUID checkpoint = checkpointFile == null ? null
						: this.checkpoints.store(job.id(), epoch, kind, checkpointFile).id();
				alsoRecord.accept(checkpoint);
				if (!this.queue.finish(job, outcome, reason)) {
					tx.setRollbackOnly();
				}
				return null;
			}));
		}
		finally {
			if (checkpointFile != null) {
				deleteQuietly(checkpointFile);
			}
		}
	}

	/**
	 * Stores a checkpoint with its epoch and prunes older ones of its kind, per the job's
	 * policy.
	 */
	private void storeEpochCheckpoint(ClaimedJob job, int keepLast, EpochResult result,
			TrainingCallbacks.EpochCheckpoint checkpoint) {
		CheckpointMetrics scores = new CheckpointMetrics(result.trainLoss(), result.validationLoss(),
				result.validationAccuracy(), result.validationRmse());
		this.checkpoints.store(job.id(), result.epoch(), checkpoint.kind(), checkpoint.file(), scores);
		int keep = checkpoint.kind() == CheckpointKind.BEST ? 1 : keepLast;
		this.checkpoints.prune(job.id(), checkpoint.kind(), keep);
	}

	/**
	 * Where a job taken over from a dead worker picks up: its latest periodic or best
	 * checkpoint, downloaded to a file; rows the dead attempt wrote after it are
	 * archived. Without one it starts over and every earlier row is archived.
	 */
	private TrainingCallbacks.Resume prepareResume(ClaimedJob job) {
		Optional<CheckpointView> latest = this.checkpoints.latestResumable(job.id());
		if (latest.isEmpty()) {
			this.metrics.archiveAll(job.id());
			return null;
		}
		CheckpointView checkpoint = latest.get();
		this.metrics.archiveAfter(job.id(), checkpoint.epoch());
		Double best = this.checkpoints.list(job.id())
			.stream()
			.filter(c -> c.kind() == CheckpointKind.BEST && c.metrics() != null)
			.map(c -> c.metrics().validationLoss())
			.findFirst()
			.orElse(null);
		Path file = this.checkpoints.copyToTempFile(job.id(), checkpoint.id());
		log.info("Job {} resumes from its {} checkpoint of epoch {}", job.id(), checkpoint.kind(), checkpoint.epoch());
		return new TrainingCallbacks.Resume(file, checkpoint.epoch(), best, false,
				checkpoint.resumeBatch() == null ? 0 : checkpoint.resumeBatch());
	}

	/**
	 * The weights a job starts from when its spec names another job's checkpoint; else
	 * null.
	 */
	private TrainingCallbacks.Resume prepareStartFrom(ClaimedJob job) {
		io.adamant.job.FromSpec from = this.specs.read(job.specJson()).from();
		if (from == null) {
			return null;
		}
		return TrainingCallbacks.Resume.weightsFrom(this.checkpoints.copyToTempFile(from.jobId(), from.checkpointId()));
	}

	private void heartbeatAll() {
		for (ActiveRun run : this.active.values()) {
			try {
				RunProgress progress = run.control().progress();
				int iterations = progress.epochIterations();
				LeaseState state = iterations == 0 ? this.queue.heartbeat(run.job())
						: this.queue.heartbeat(run.job(), progress.epochIteration(), iterations);
				if (state == LeaseState.LOST) {
					run.control().stop(RunControl.StopReason.LEASE_LOST);
				}
				else if (state == LeaseState.CANCEL_REQUESTED) {
					run.control().stop(RunControl.StopReason.CANCELLED);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Heartbeat for job {} failed: {}", run.job().id(), ex.getMessage());
			}
		}
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
	}

	private static String instanceName() {
		try {
			return InetAddress.getLocalHost().getHostName() + ":" + ManagementFactory.getRuntimeMXBean().getPid();
		}
		catch (java.io.IOException ex) {
			return "instance:" + ManagementFactory.getRuntimeMXBean().getPid();
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (java.io.IOException ex) {
			log.warn("Could not delete {}", file);
		}
	}

	private static void sleepQuietly() {
		sleepQuietly(1000);
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record ActiveRun(ClaimedJob job, RunControl control) {
	}

	/**
	 * Writes a run's epochs and events, each in a transaction fenced by the job's lease.
	 */
	private final class DatabaseCallbacks implements TrainingCallbacks {

		private final ClaimedJob job;

		private final int keepLast;

		DatabaseCallbacks(ClaimedJob job, int keepLast) {
			this.job = job;
			this.keepLast = keepLast;
		}

		@Override
		public boolean epochFinished(EpochResult result, List<EpochCheckpoint> checkpoints) {
			return retrying("write epoch " + result.epoch(), () -> persistEpoch(result, checkpoints));
		}

		private boolean persistEpoch(EpochResult result, List<EpochCheckpoint> checkpoints) {
			return Boolean.TRUE.equals(TrainingWorkers.this.transactions.execute(tx -> {
				if (!TrainingWorkers.this.queue.recordProgress(this.job, result.epoch())) {
					tx.setRollbackOnly();
					return false;
				}
				TrainingWorkers.this.metrics.record(this.job.id(), this.job.attempt(), result);
				for (EpochCheckpoint checkpoint : checkpoints) {
					storeEpochCheckpoint(this.job, this.keepLast, result, checkpoint);
				}
				return true;
			}));
		}

		@Override
		public void event(JobEvent event) {
			retrying("record an event", () -> TrainingWorkers.this.transactions.execute(tx -> {
				if (TrainingWorkers.this.queue.heartbeat(this.job) != LeaseState.LOST) {
					TrainingWorkers.this.events.record(this.job.id(), this.job.attempt(), event);
				}
				return null;
			}));
		}

	}

}
