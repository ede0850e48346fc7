package io.adamant.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * The filters every listing of named, timestamped resources takes: a part of the name in
 * any case and a creation-time range. The entity must have {@code name} and
 * {@code createdAt} attributes.
 */
public final class ListingFilters {

	private ListingFilters() {
	}

	/** Fails naming {@code createdBefore} when the range is empty. */
	public static void checkRange(Instant createdAfter, Instant createdBefore) {
		if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
			throw InvalidRequestException.forField("createdBefore",
					"must be after createdAfter (%s)".formatted(createdAfter));
		}
	}

	public static List<Predicate> nameAndCreated(Root<?> root, CriteriaBuilder builder, String name,
			Instant createdAfter, Instant createdBefore) {
		List<Predicate> predicates = new ArrayList<>();
		if (name != null && !name.isBlank()) {
			String pattern = "%"
					+ name.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			predicates.add(builder.like(builder.lower(root.get("name")), pattern, '\\'));
		}
		if (createdAfter != null) {
			predicates.add(builder.greaterThanOrEqualTo(root.get("createdAt"), createdAfter));
		}
		if (createdBefore != null) {
			predicates.add(builder.lessThan(root.get("createdAt"), createdBefore));
		}
		return predicates;
	}

}
