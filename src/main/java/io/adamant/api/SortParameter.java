package io.adamant.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;

/**
 * Reads {@code sort} query parameters of the form {@code property} or
 * {@code property,asc|desc} (repeatable, first is most significant) against the
 * properties a listing allows.
 */
public final class SortParameter {

	private SortParameter() {
	}

	/**
	 * @param values the parameter's values, possibly empty
	 * @param allowed the properties that may be sorted by
	 * @param fallback the order when no sort is given
	 * @param tieBreak appended to every order so that pages never overlap
	 * @throws InvalidRequestException naming {@code sort} for an unknown property or
	 * direction
	 */
	public static Sort parse(List<String> values, Set<String> allowed, Sort fallback, Sort.Order tieBreak) {
		if (values == null || values.isEmpty()) {
			return fallback.and(Sort.by(tieBreak));
		}
		List<Sort.Order> orders = new ArrayList<>();
		for (String value : rejoined(values)) {
			orders.add(order(value, allowed));
		}
		return Sort.by(orders).and(Sort.by(tieBreak));
	}

	/**
	 * Spring splits a single-valued {@code sort=name,desc} at the comma; a direction on
	 * its own belongs to the property before it.
	 */
	private static List<String> rejoined(List<String> values) {
		List<String> joined = new ArrayList<>();
		for (String value : values) {
			String trimmed = value.trim();
			boolean direction = trimmed.equalsIgnoreCase("asc") || trimmed.equalsIgnoreCase("desc");
			if (direction && !joined.isEmpty() && !joined.get(joined.size() - 1).contains(",")) {
				joined.set(joined.size() - 1, joined.get(joined.size() - 1) + "," + trimmed);
			}
			else {
				joined.add(trimmed);
			}
		}
		return joined;
	}

	/**
	 * The order as a comparator, for listings sorted in memory.
	 * @param properties a comparator per property the order may name
	 */
	public static <T> Comparator<T> comparator(Sort order, Map<String, Comparator<T>> properties) {
		Comparator<T> comparator = (a, b) -> 0;
		for (Sort.Order by : order) {
			Comparator<T> property = properties.get(by.getProperty());
			comparator = comparator.thenComparing(by.isAscending() ? property : property.reversed());
		}
		return comparator;
	}

	private static Sort.Order order(String value, Set<String> allowed) {
		String[] parts = value.split(",", -1);
		String property = parts[0].trim();
		if (!allowed.contains(property) || parts.length > 2) {
			throw InvalidRequestException.forField("sort",
					"'%s' is not a sort order; use one of %s, optionally followed by ',asc' or ',desc'".formatted(value,
							allowed.stream().sorted().toList()));
		}
		if (parts.length == 1) {
			return Sort.Order.asc(property);
		}
		String direction = parts[1].trim().toLowerCase(Locale.ROOT);
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw InvalidRequestException.forField("sort",
					"direction '%s' in '%s' must be 'asc' or 'desc'".formatted(parts[1], value));
		}
		return direction.equals("asc") ? Sort.Order.asc(property) : Sort.Order.desc(property);
	}

}
