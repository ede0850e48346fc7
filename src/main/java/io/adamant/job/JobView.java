package io.adamant.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.adamant.metrics.EpochMetricsView;
import io.adamant.metrics.JobEventView;

/**
 * A job as the API shows it.
 *
 * @param id the job's id
 * @param name its label, if any
 * @param status where it is in its life
 * @param spec the normalised spec, every default written out
 * @param parameters the model's parameter count
 * @param progress epochs finished of epochs asked for
 * @param attempt how many times a worker has started it
 * @param workerId the worker that runs it, or ran it last
 * @param cancelRequested whether a cancel was asked for
 * @param failureReason why it failed, when it did
 * @param createdAt when it was submitted
 * @param startedAt when a worker first started it
 * @param finishedAt when it ended
 * @param latestMetrics the last finished epoch's metrics, if any
 * @param divergence what was detected, when the job ended {@code DIVERGED}
 * @param continuations jobs started from this job's checkpoints (see the spec's
 * {@code from} for the other direction)
 */
public record JobView(UUID id, String name, JobStatus status, JobSpec spec, Long parameters, Progress progress,
		int attempt, String workerId, boolean cancelRequested, String failureReason, Instant createdAt,
		Instant startedAt, Instant finishedAt, EpochMetricsView latestMetrics, Divergence divergence,
		List<UUID> continuations) {

	/**
	 * What the divergence detection caught, for a job that ended {@code DIVERGED}.
	 *
	 * @param epoch the epoch it was detected in
	 * @param iteration the network's iteration count then
	 * @param reason machine-readable cause ({@code non-finite-loss}, {@code loss-spike},
	 * …)
	 * @param detail the same in words
	 * @param lastGoodCheckpointId the checkpoint holding the last good state
	 */
	public record Divergence(int epoch, int iteration, String reason, String detail, UUID lastGoodCheckpointId) {

		static Divergence of(JobEventView event) {
			return event == null ? null : new Divergence(event.epoch(), event.iteration(), event.reason(),
					event.detail(), event.checkpointId());
		}

	}

	/**
	 * How far a job has come.
	 *
	 * @param epochsCompleted epochs finished
	 * @param epochsTotal epochs the spec asks for
	 * @param fraction their ratio, 0 to 1
	 */
	public record Progress(int epochsCompleted, int epochsTotal, double fraction) {

		static Progress of(int done, int total) {
			return new Progress(done, total, total == 0 ? 0 : (double) done / total);
		}

	}

}
