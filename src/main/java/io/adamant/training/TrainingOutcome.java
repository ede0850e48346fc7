package io.adamant.training;

import java.nio.file.Path;

/** How a training run ended. */
sealed interface TrainingOutcome {

	/** All epochs done; the final network is serialised at {@code checkpoint}. */
	record Completed(int epochs, Path checkpoint) implements TrainingOutcome {
	}

	/** Stopped from outside before the end. */
	record Stopped(RunControl.StopReason reason) implements TrainingOutcome {
	}

	/** Training could not go on. */
	record Failed(String reason) implements TrainingOutcome {
	}

}
