package io.adamant.dataset;

import io.adamant.api.StateConflictException;

/** A dataset cannot be created or deleted as asked. */
public class DatasetConflictException extends StateConflictException {

	private DatasetConflictException(String detail) {
		super(detail);
	}

	static DatasetConflictException builtIn(String name, String action) {
		return new DatasetConflictException("'%s' is a built-in dataset; it cannot be %s".formatted(name, action));
	}

	static DatasetConflictException exists(String name) {
		return new DatasetConflictException("A dataset named '%s' already exists".formatted(name));
	}

	static DatasetConflictException inUse(String name) {
		return new DatasetConflictException(
				"Dataset '%s' is used by jobs; it can be deleted once no job refers to it".formatted(name));
	}

}
