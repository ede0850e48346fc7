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

	public static <E, T> PageView<T> of(Page<E> page, Function<List<E>, List<T>> mapper) {
		return new PageView<>(mapper.apply(page.getContent()), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

}
