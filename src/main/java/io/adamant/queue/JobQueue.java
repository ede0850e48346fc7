package io.adamant.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The job queue over the {@code jobs} table. Every change is one SQL statement; every
 * write by a worker is fenced by the lease version it claimed with.
 */
@Service
public class JobQueue {

	private final JdbcClient jdbc;

	JobQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the next queued job (highest priority, then oldest) for {@code workerId}.
	 * {@code SKIP LOCKED} lets concurrent claimers pass each other's rows, so no two
	 * claims ever return the same job.
	 */
	@Transactional
	public Optional<ClaimedJob> claim(String workerId) {
		return this.jdbc.sql("""
				UPDATE jobs
				SET status = 'RUNNING', worker_id = :worker, heartbeat_at = now(),
				    started_at = coalesce(started_at, now()), attempt = attempt + 1,
				    lease_version = lease_version + 1, epochs_done = 0,
				    epoch_iteration = NULL, epoch_iterations = NULL
				WHERE id = (SELECT id FROM jobs WHERE status = 'QUEUED'
				            ORDER BY priority DESC, created_at, id
				            FOR UPDATE SKIP LOCKED LIMIT 1)
				RETURNING id, spec::text AS spec, attempt, lease_version""")
			.param("worker", workerId)
			.query((rs, row) -> new ClaimedJob(rs.getObject("id", UUID.class), rs.getString("spec"),
					rs.getInt("attempt"), rs.getLong("lease_version"), workerId))
			.optional();
	}

	/** Renews the lease and reports whether the job is still ours and wanted. */
	@Transactional
	public LeaseState heartbeat(ClaimedJob job) {
		return heartbeat(job, null, null);
	}

	/**
	 * Renews the lease, records how far the current epoch is, and reports whether the job
	 * is still ours and wanted.
	 * @param epochIteration iterations finished in the current epoch, or null to keep the
	 * last value
	 * @param epochIterations the current epoch's iterations, or null to keep the last
	 * value
	 */
	@Transactional
	public LeaseState heartbeat(ClaimedJob job, Integer epochIteration, Integer epochIterations) {
		List<Boolean> cancel = this.jdbc.sql("""
				UPDATE jobs SET heartbeat_at = now(),
				       epoch_iteration = coalesce(:iteration, epoch_iteration),
				       epoch_iterations = coalesce(:iterations, epoch_iterations)
				WHERE id = :id AND lease_version = :version AND status = 'RUNNING'
				RETURNING cancel_requested""")
			.param("iteration", epochIteration, java.sql.Types.INTEGER)
			.param("iterations", epochIterations, java.sql.Types.INTEGER)
			.param("id", job.id())
			.param("version", job.leaseVersion())
			.query(Boolean.class)
			.list();
		if (cancel.isEmpty()) {
			return LeaseState.LOST;
		}
		return cancel.get(0) ? LeaseState.CANCEL_REQUESTED : LeaseState.HELD;
	}

	/**
	 * Records that {@code epochsDone} epochs are finished. Runs inside the caller's
	 * transaction so that it commits together with the epoch's metrics.
	 * @return false if the lease is lost (the caller must roll back and stop)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean recordProgress(ClaimedJob job, int epochsDone) {
		return this.jdbc.sql("""
				UPDATE jobs SET epochs_done = :done, heartbeat_at = now(), epoch_iteration = 0
				WHERE id = :id AND lease_version = :version AND status = 'RUNNING'""")
			.param("done", epochsDone)
			.param("id", job.id())
			.param("version", job.leaseVersion())
			.update() == 1;
	}

	/**
	 * Ends a held job; its worker id stays, to say who ran it. Joins the caller's
	 * transaction where there is one, so a final checkpoint commits with the status.
	 * @return false if the lease was lost before
	 */
	@Transactional
	public boolean finish(ClaimedJob job, JobOutcome outcome, String reason) {
		return this.jdbc.sql("""
				UPDATE jobs SET status = :status, failure_reason = :reason, finished_at = now(),
				       heartbeat_at = NULL
				WHERE id = :id AND lease_version = :version AND status = 'RUNNING'""")
			.param("status", outcome.name())
			.param("reason", reason)
			.param("id", job.id())
			.param("version", job.leaseVersion())
			.update() == 1;
	}

	/** Puts a held job back in the queue, e.g. when its worker shuts down. */
	@Transactional
	public boolean release(ClaimedJob job) {
		return this.jdbc.sql("""
				UPDATE jobs SET status = 'QUEUED', worker_id = NULL, heartbeat_at = NULL,
				       lease_version = lease_version + 1
				WHERE id = :id AND lease_version = :version AND status = 'RUNNING'""")
			.param("id", job.id())
			.param("version", job.leaseVersion())
			.update() == 1;
	}

	/**
	 * Re-queues running jobs whose worker stopped heartbeating for longer than
	 * {@code lease}; a job that has had {@code maxAttempts} starts fails instead.
	 * @return the number of jobs re-queued or failed
	 */
	@Transactional
	public int reapExpiredLeases(Duration lease, int maxAttempts) {
		return this.jdbc.sql("""
				UPDATE jobs
				SET status = CASE WHEN attempt >= :max THEN 'FAILED' ELSE 'QUEUED' END,
				    failure_reason = CASE WHEN attempt >= :max
				        THEN 'Worker ' || coalesce(worker_id, '?') || ' stopped heartbeating; gave up after '
				             || attempt || ' attempt(s)'
				        ELSE failure_reason END,
				    finished_at = CASE WHEN attempt >= :max THEN now() ELSE NULL END,
				    worker_id = NULL, heartbeat_at = NULL, lease_version = lease_version + 1
				WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => :seconds)""")
			.param("max", maxAttempts)
			.param("seconds", lease.toMillis() / 1000.0)
			.update();
	}

}
