package io.adamant.job;

import java.util.UUID;

import io.adamant.api.ResourceNotFoundException;

/** No job has that id. */
public class JobNotFoundException extends ResourceNotFoundException {

	private JobNotFoundException(UUID id) {
		super("No job has id " + id);
	}

	public static JobNotFoundException forId(UUID id) {
		return new JobNotFoundException(id);
	}

}
