package io.adamant.dataset;

import io.adamant.api.ResourceNotFoundException;

/** No dataset has that name. */
public class DatasetNotFoundException extends ResourceNotFoundException {

	private DatasetNotFoundException(String name) {
		super("No dataset is named '%s'".formatted(name));
	}

	public static DatasetNotFoundException forName(String name) {
		return new DatasetNotFoundException(name);
	}

}
