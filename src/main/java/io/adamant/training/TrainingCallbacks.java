package io.adamant.training;

import io.adamant.metrics.EpochResult;
import io.adamant.metrics.JobEvent;

/** Where a training run reports, without knowing about the database. */
interface TrainingCallbacks {

	/**
	 * Persists a finished epoch.
	 * @return false if the job is no longer this worker's: the run must stop
	 */
	boolean epochFinished(EpochResult result);

	/** Records a skipped step or a rollback as it happens. */
	void event(JobEvent event);

}
