package io.adamant.sweep;

import java.util.UUID;

import io.adamant.api.StateConflictException;

/** Every job of the sweep has ended, so there is nothing left to cancel. */
class SweepAlreadyFinishedException extends StateConflictException {

	private SweepAlreadyFinishedException(UUID id, SweepStatus status) {
		super("Sweep %s has already ended with status %s".formatted(id, status));
	}

	static SweepAlreadyFinishedException forSweep(UUID id, SweepStatus status) {
		return new SweepAlreadyFinishedException(id, status);
	}

}
