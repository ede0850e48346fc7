package io.adamant.job;

import java.util.List;

import io.adamant.api.FieldProblem;
import io.adamant.dataset.DatasetInfo;

/**
 * Builds a job's network against its dataset before the job is accepted, so that shape
 * mismatches are a 400 at submission rather than a failure on a worker. Implemented where
 * the deep-learning library lives.
 */
public interface ModelChecker {

	ModelCheck check(JobSpec spec, DatasetInfo dataset);

	/**
	 * @param parameters the network's parameter count (0 when it cannot be built)
	 * @param problems what does not fit, by spec field
	 */
	record ModelCheck(long parameters, List<FieldProblem> problems) {
	}

}
