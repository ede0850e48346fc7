package io.adamant.dataset;

/**
 * Whether jobs refer to a dataset. Implemented by the job feature, which depends on this
 * one, so that datasets can ask without depending on jobs.
 */
public interface DatasetUsage {

	/** Whether any job, in any status, names the dataset in its spec. */
	boolean isUsedByJobs(String name);

}
