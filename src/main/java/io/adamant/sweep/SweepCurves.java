package io.adamant.sweep;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.adamant.job.JobStatus;

/**
 * One metric of every job of a sweep, epoch by epoch, on a shared epoch axis: ready to
 * plot as one line per job.
 *
 * @param sweepId the sweep
 * @param metric the metric's name, as in {@code GET /api/v1/jobs/{id}/metrics}
 * @param epochs 1 to the most epochs any job's spec asks for
 * @param series one per job, in grid order
 */
public record SweepCurves(UUID sweepId, String metric, List<Integer> epochs, List<Series> series) {

	/**
	 * @param jobId the job
	 * @param label its values in a few words
	 * @param axisValues path → its value on that axis
	 * @param status the job's status
	 * @param values one per entry of {@code epochs}; {@code null} where the job has no
	 * such epoch (yet, or ever) or the metric has no value there
	 */
	public record Series(UUID jobId, String label, Map<String, JsonNode> axisValues, JobStatus status,
			List<Double> values) {
	}

}
