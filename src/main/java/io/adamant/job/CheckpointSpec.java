package io.adamant.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Which checkpoints a job keeps while it trains. A job taken over after its worker died
 * resumes from its latest one instead of starting over.
 *
 * @param everyEpochs a periodic checkpoint every this many epochs; 0 for none; default 1
 * @param keepLast periodic checkpoints kept (older ones are deleted); default 2
 * @param keepBest keep a checkpoint of the epoch with the lowest validation loss; default
 * true
 */
public record CheckpointSpec(@Min(0) @Max(10_000) Integer everyEpochs, @Min(1) @Max(100) Integer keepLast,
		Boolean keepBest) {

	CheckpointSpec withDefaults() {
		return new CheckpointSpec(this.everyEpochs == null ? 1 : this.everyEpochs,
				this.keepLast == null ? 2 : this.keepLast, this.keepBest == null || this.keepBest);
	}

}
