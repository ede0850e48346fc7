package io.adamant.sweep;

import java.util.UUID;

import io.adamant.api.ResourceNotFoundException;

/** No sweep has that id. */
public class SweepNotFoundException extends ResourceNotFoundException {

	private SweepNotFoundException(UUID id) {
		super("No sweep has id " + id);
	}

	public static SweepNotFoundException forId(UUID id) {
		return new SweepNotFoundException(id);
	}

}
