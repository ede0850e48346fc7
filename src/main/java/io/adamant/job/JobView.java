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
 * @param sweepId the sweep the job was created by, if any
 */
public record JobView(UUID id, String name, JobStatus status, JobSpec spec, Long parameters, Progress progress,
		int attempt, String workerId, boolean cancelRequested, String failureReason, Instant createdAt,
		Instant startedAt, Instant finishedAt, EpochMetricsView latestMetrics, Divergence divergence,
		List<UUID> continuations, UUID sweepId) {

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
	 * How far a job is. The estimate assumes the remaining iterations take as long as
	 * those of the last finished epoch; early stopping can end a job sooner.
	 *
	 * @param epochsCompleted epochs finished
	 * @param epochsTotal epochs the spec asks for
	 * @param epoch the epoch being trained while the job runs, else null
	 * @param iteration iterations finished in that epoch, as of the last heartbeat
	 * @param iterationsPerEpoch iterations in that epoch
	 * @param fraction share of the job's iterations done, 0 to 1
	 * @param percent the same in percent, rounded to one decimal
	 * @param estimatedSecondsRemaining time left while the job runs, once an epoch has
	 * finished; else null
	 * @param estimatedCompletionAt when the job should end, on the same estimate
	 */
	public record Progress(int epochsCompleted, int epochsTotal, Integer epoch, Integer iteration,
			Integer iterationsPerEpoch, double fraction, double percent, Long estimatedSecondsRemaining,
			Instant estimatedCompletionAt) {

		static Progress of(JobStatus status, int done, int total, Integer iteration, Integer iterations,
				EpochMetricsView latest, Instant now) {
			if (status == JobStatus.SUCCEEDED) {
				return new Progress(done, total, null, null, iterations, 1, 100, null, null);
			}
			boolean running = status == JobStatus.RUNNING;
			boolean inEpoch = running && iterations != null && iteration != null;
			double epochShare = inEpoch ? Math.min(1, (double) iteration / iterations) : 0;
			double fraction = total == 0 ? 0 : Math.min(1, (done + epochShare) / total);
			Long secondsLeft = null;
			if (inEpoch && latest != null && latest.iterations() > 0) {
				double secondsPerIteration = latest.durationMs() / 1000.0 / latest.iterations();
				long iterationsLeft = Math.max(0, (long) (total - done) * iterations - iteration);
				secondsLeft = Math.round(iterationsLeft * secondsPerIteration);
			}
			return new Progress(done, total, running ? Math.min(done + 1, total) : null, running ? iteration : null,
					iterations, fraction, Math.round(fraction * 1000) / 10.0, secondsLeft,
					secondsLeft == null ? null : now.plusSeconds(secondsLeft));
		}

	}

}
