package io.adamant.security;

/**
 * What a feature stores for an owner, counted against the owner's storage quota;
 * implemented by each feature that stores files (datasets, checkpoints).
 */
public interface StoredBytes {

	long storedBytes(String owner);

}
