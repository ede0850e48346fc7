package io.adamant.api;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a listing with its totals.
 *
 * @param items the page's items
 * @param page zero-based page number
 * @param size requested page size
 * @param totalItems items across all pages
 * @param totalPages number of pages
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	/** One page of a list held in memory, in its order. */
	public static <T> PageView<T> of(List<T> all, int page, int size) {
		int from = (int) Math.min((long) page * size, all.size());
		int to = (int) Math.min((long) from + size, all.size());
		return new PageView<>(List.copyOf(all.subList(from, to)), page, size, all.size(),
				(all.size() + size - 1) / size);
	}

	public static <E, T> PageView<T> of(Page<E> page, Function<List<E>, List<T>> mapper) {
		return new PageView<>(mapper.apply(page.getContent()), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

}
