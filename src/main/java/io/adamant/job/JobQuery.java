package io.adamant.job;

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
 * Which jobs a listing shows, in what order.
 *
 * @param statuses any of these statuses; all when empty
 * @param name a part of the job's name, any case
 * @param createdAfter submitted at or after this instant
 * @param createdBefore submitted before this instant
 * @param sort sort parameters, see {@link SortParameter}
 * @param page zero-based page
 * @param size page size
 */
public record JobQuery(List<JobStatus> statuses, String name, Instant createdAfter, Instant createdBefore,
		List<String> sort, int page, int size) {

	static final Set<String> SORTABLE = Set.of("createdAt", "startedAt", "finishedAt", "name", "status", "priority");

	public JobQuery {
		statuses = statuses == null ? List.of() : List.copyOf(statuses);
		sort = sort == null ? List.of() : List.copyOf(sort);
		ListingFilters.checkRange(createdAfter, createdBefore);
	}

	PageRequest pageRequest() {
		Sort order = SortParameter.parse(this.sort, SORTABLE, Sort.by(Sort.Order.desc("createdAt")),
				Sort.Order.desc("id"));
		return PageRequest.of(this.page, this.size, order);
	}

	/**
	 * @param owner only this owner's jobs; everyone's when null
	 */
	Specification<JobEntity> specification(String owner) {
		return (root, query, builder) -> {
			List<Predicate> predicates = ListingFilters.nameAndCreated(root, builder, this.name, this.createdAfter,
					this.createdBefore);
			if (owner != null) {
				predicates.add(builder.equal(root.get("owner"), owner));
			}
			if (!this.statuses.isEmpty()) {
				predicates.add(root.get("status").in(this.statuses));
			}
			return builder.and(predicates.toArray(Predicate[]::new));
		};
	}

}
