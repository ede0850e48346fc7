package io.adamant.events;

import java.util.List;

import io.adamant.job.JobStatus;

/**
 * What a read of a job's timeline found, both as of one moment.
 *
 * @param jobStatus the job's status, null if the job no longer exists
 * @param entries the timeline rows after the cursor, in order
 * @param complete whether these are all such rows, or only the first batch
 */
record TimelineSlice(JobStatus jobStatus, List<TimelineEntry> entries, boolean complete) {

	/** Whether nothing will follow these entries. */
	boolean isLast() {
		return this.jobStatus == null || (this.complete && this.jobStatus.isFinished());
	}

}
