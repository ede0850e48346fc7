package io.adamant.sweep;

import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * Short labels for axis values in child names and plots: {@code 0.01}, {@code adam},
 * {@code global-norm(1.0)}, {@code sgd(learningRate=0.5, …)} for several fields.
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
		var fields = value.properties().stream().filter(field -> !field.getKey().equals("type")).toList();
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
