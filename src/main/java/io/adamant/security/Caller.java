package io.adamant.security;

import java.util.UUID;

/**
 * Who sent a request: the key's owner, role and effective quotas. Controllers receive it
 * as a method parameter and hand it to the facades, which scope every read and write to
 * it.
 *
 * @param keyId the API key used
 * @param owner whose resources the caller works with
 * @param role what the caller may do
 * @param quotas the key's limits, defaults filled in
 */
public record Caller(UUID keyId, String owner, Role role, Quotas quotas) {

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/** Whether the caller may see and change a resource of {@code resourceOwner}. */
	public boolean canAccess(String resourceOwner) {
		return isAdmin() || this.owner.equals(resourceOwner);
	}

	/**
	 * The owner to scope a listing to: the caller's own, or {@code null} (everyone's) for
	 * an admin.
	 */
	public String ownerFilter() {
		return isAdmin() ? null : this.owner;
	}

}
