package io.adamant.security;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Checks what an owner stores, across every feature that stores files, against a quota.
 */
@Service
public class StorageQuota {

	private final List<StoredBytes> stores;

	StorageQuota(List<StoredBytes> stores) {
		this.stores = stores;
	}

	public long used(String owner) {
		return this.stores.stream().mapToLong(store -> store.storedBytes(owner)).sum();
	}

	/**
	 * Fails with {@link QuotaExceededException} unless {@code adding} more bytes keep the
	 * caller within its storage quota.
	 */
	public void check(Caller caller, long adding) {
		long used = used(caller.owner());
		long limit = caller.quotas().maxStorageBytes();
		if (used + adding > limit || (adding == 0 && used >= limit)) {
			throw QuotaExceededException.storage(used, limit);
		}
	}

}
