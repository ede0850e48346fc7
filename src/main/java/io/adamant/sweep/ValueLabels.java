package io.adamant.sweep;

import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * Short labels for axis values in child names and plots: {@code 0.01}, {@code adam},
 * {@code global-norm(1.0)}; with several fields
 * {@code momentum(learningRate=0.5, momentum=0.9)}.
 */
final class ValueLabels {

	private ValueLabels() {
	}

	static String of(JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return "default";
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isArray()) {
			return value.valueStream().map(ValueLabels::of).collect(Collectors.joining(", ", "[", "]"));
		}
		if (value.isObject()) {
			return object(value);
		}
		return value.toString();
	}

	/** A typed object reads as its type with its other fields as arguments. */
	private static String object(JsonNode value) {
		JsonNode type = value.get("type");
		// sorted: JSONB stores keys in its own order, and a label must read the same
		// when the sweep is read back as when its jobs were named
		var fields = value.properties()
			.stream()
			.filter(field -> !field.getKey().equals("type"))
			.sorted(Map.Entry.comparingByKey())
			.toList();
		String arguments = (fields.size() == 1 && type != null) ? of(fields.get(0).getValue())
				: fields.stream().map(ValueLabels::field).collect(Collectors.joining(", "));
		if (type == null) {
			return "{" + arguments + "}";
		}
		return fields.isEmpty() ? of(type) : of(type) + "(" + arguments + ")";
	}

	private static String field(Map.Entry<String, JsonNode> field) {
		return field.getKey() + "=" + of(field.getValue());
	}

}
