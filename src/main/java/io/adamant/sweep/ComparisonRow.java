package io.adamant.sweep;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.adamant.job.JobStatus;
import io.adamant.job.JobView;
import io.adamant.metrics.RunSummary;

/**
 * One job of a sweep, compared with the others. Losses are validation losses where the
 * job holds out validation rows, training losses where it does not ({@code lossMetric}
 * says which); all figures come from the job's current epochs, so a job that diverged in
 * its first epoch has none.
 *
 * @param jobId the job
 * @param name its name: the sweep's, then its values
 * @param label its values in a few words, for legends
 * @param axisValues path → the value this job has on that axis, in axis order
 * @param status the job's status
 * @param epochsCompleted epochs recorded
 * @param epochsTotal epochs its spec asks for
 * @param lossMetric {@code validationLoss}, or {@code trainLoss} without a validation
 * split
 * @param finalLoss the last epoch's loss
 * @param bestLoss the lowest loss of any epoch
 * @param bestEpoch the first epoch with that loss
 * @param finalAccuracy the last epoch's validation accuracy (classification only)
 * @param bestAccuracy the highest validation accuracy of any epoch
 * @param epochsToTarget the first epoch whose loss is at or below the sweep's target;
 * {@code null} without a target or while it is not reached
 * @param diverged whether the job ended {@code DIVERGED}
 * @param divergence what was detected, when it did
 * @param rollbacks rollbacks of the {@code rollback} policy (each restored the last good
 * state and lowered the learning rate)
 * @param clippedFraction share of the run's optimizer steps whose gradient clipping
 * changed
 * @param maxGradientNorm the largest global gradient L2 norm (before clipping) of any
 * step of the recorded epochs
 * @param wallTimeMs from its start to its end; {@code null} until it has ended
 */
public record ComparisonRow(UUID jobId, String name, String label, Map<String, JsonNode> axisValues, JobStatus status,
		int epochsCompleted, int epochsTotal, String lossMetric, Double finalLoss, Double bestLoss, Integer bestEpoch,
		Double finalAccuracy, Double bestAccuracy, Integer epochsToTarget, boolean diverged,
		JobView.Divergence divergence, long rollbacks, Double clippedFraction, Double maxGradientNorm,
		Long wallTimeMs) {

	static final String VALIDATION_LOSS = "validationLoss";

	static final String TRAIN_LOSS = "trainLoss";

	/**
	 * @param summary the job's epochs summed up; {@code null} when it has none
	 */
	static ComparisonRow of(JobView job, String label, Map<String, JsonNode> axisValues, RunSummary summary,
			long rollbacks) {
		boolean validates = job.spec().training().validationFraction() > 0;
		Losses losses = (summary == null) ? Losses.NONE : Losses.of(summary, validates);
		return new ComparisonRow(job.id(), job.name(), label, axisValues, job.status(),
				job.progress().epochsCompleted(), job.progress().epochsTotal(),
				validates ? VALIDATION_LOSS : TRAIN_LOSS, losses.last(), losses.best(), losses.bestEpoch(),
				(summary == null) ? null : summary.finalValidationAccuracy(),
				(summary == null) ? null : summary.bestValidationAccuracy(), losses.targetEpoch(),
				job.status() == JobStatus.DIVERGED, job.divergence(), rollbacks,
				(summary == null) ? null : summary.clippedFraction(),
				(summary == null) ? null : summary.maxGradientNorm(), wallTime(job));
	}

	private static Long wallTime(JobView job) {
		if (job.startedAt() == null || job.finishedAt() == null) {
			return null;
		}
		return Duration.between(job.startedAt(), job.finishedAt()).toMillis();
	}

	/** The loss figures of the metric a job is compared by. */
	private record Losses(Double last, Double best, Integer bestEpoch, Integer targetEpoch) {

		static final Losses NONE = new Losses(null, null, null, null);

		static Losses of(RunSummary summary, boolean validates) {
			return validates
					? new Losses(summary.finalValidationLoss(), summary.bestValidationLoss(),
							summary.bestValidationEpoch(), summary.validationTargetEpoch())
					: new Losses(summary.finalTrainLoss(), summary.bestTrainLoss(), summary.bestTrainEpoch(),
							summary.trainTargetEpoch());
		}

	}

}
