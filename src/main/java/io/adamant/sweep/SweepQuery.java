package io.adamant.sweep;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.Predicate;

import io.adamant.api.ListingFilters;
import io.adamant.api.SortParameter;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * Which sweeps a listing shows, in what order.
 *
 * @param statuses any of these derived statuses; all when empty
 * @param name a part of the sweep's name, any case
 * @param createdAfter created at or after this instant
 * @param createdBefore created before this instant
 * @param sort {@code createdAt} or {@code name}, see {@link SortParameter}
 * @param page zero-based page
 * @param size page size
 */
record SweepQuery(List<SweepStatus> statuses, String name, Instant createdAfter, Instant createdBefore,
		List<String> sort, int page, int size) {

	static final Set<String> SORTABLE = Set.of("createdAt", "name");

	SweepQuery {
		statuses = statuses == null ? List.of() : List.copyOf(statuses);
		sort = sort == null ? List.of() : List.copyOf(sort);
		ListingFilters.checkRange(createdAfter, createdBefore);
	}

	PageRequest pageRequest() {
		return PageRequest.of(this.page, this.size,
				SortParameter.parse(this.sort, SORTABLE, Sort.by(Sort.Order.desc("createdAt")), Sort.Order.desc("id")));
	}

	/**
	 * @param owner only this owner's sweeps; everyone's when null
	 */
	Specification<SweepEntity> specification(String owner) {
		return (root, query, builder) -> {
			List<Predicate> predicates = ListingFilters.nameAndCreated(root, builder, this.name, this.createdAfter,
					this.createdBefore);
			if (owner != null) {
				predicates.add(builder.equal(root.get("owner"), owner));
			}
			return builder.and(predicates.toArray(Predicate[]::new));
		};
	}

}
