package io.adamant.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.adamant.api.InvalidRequestException;

/**
 * Sets a value at a dotted path of a spec's JSON tree, replacing what was there. Missing
 * or {@code null} objects on the way are created; list elements must exist, since a list
 * cannot be grown at one index.
 */
final class SpecTree {

	private SpecTree() {
	}

	/**
	 * @param field the request field to blame when the path cannot be followed
	 */
	static void set(ObjectNode root, String path, JsonNode value, String field) {
		String[] segments = path.split("\\.");
		JsonNode node = root;
		for (int i = 0; i < segments.length - 1; i++) {
			node = step(node, segments, i, field);
		}
		String last = segments[segments.length - 1];
		if (node instanceof ArrayNode array) {
			array.set(index(array, last, path, field), value);
		}
		else {
			((ObjectNode) node).set(last, value);
		}
	}

	/**
	 * The tree without its {@code null} fields, at any depth: a spec read into records
	 * writes every field it left out as {@code null}, which says nothing.
	 */
	static ObjectNode withoutNulls(ObjectNode tree) {
		List<String> nulls = tree.properties()
			.stream()
			.filter(field -> field.getValue().isNull())
			.map(Map.Entry::getKey)
			.toList();
		nulls.forEach(tree::remove);
		tree.values().forEach(SpecTree::withoutNullsIn);
		return tree;
	}

	private static void withoutNullsIn(JsonNode node) {
		if (node instanceof ObjectNode object) {
			withoutNulls(object);
		}
		else if (node instanceof ArrayNode array) {
			array.values().forEach(SpecTree::withoutNullsIn);
		}
	}

	private static JsonNode step(JsonNode node, String[] segments, int i, String field) {
		String segment = segments[i];
		if (node instanceof ArrayNode array) {
			JsonNode element = array.get(index(array, segment, String.join(".", segments), field));
			if (!element.isContainer()) {
				throw InvalidRequestException.forField(field, "element %s of '%s' in the base spec is not an object"
					.formatted(segment, String.join(".", Arrays.copyOf(segments, i))));
			}
			return element;
		}
		ObjectNode object = (ObjectNode) node;
		JsonNode child = object.get(segment);
		if (child == null || !child.isContainer()) {
			// an index next needs a list the base spec does not have
			if (segments[i + 1].chars().allMatch(Character::isDigit)) {
				throw InvalidRequestException.forField(field, "the base spec has no list '%s' to set an element of"
					.formatted(String.join(".", Arrays.copyOf(segments, i + 1))));
			}
			child = object.putObject(segment);
		}
		return child;
	}

	private static int index(ArrayNode array, String segment, String path, String field) {
		int index = Integer.parseInt(segment);
		if (index >= array.size()) {
			throw InvalidRequestException.forField(field,
					"'%s': the base spec's list has %d element(s), no index %d".formatted(path, array.size(), index));
		}
		return index;
	}

}
