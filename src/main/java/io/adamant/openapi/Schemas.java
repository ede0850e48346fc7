package io.adamant.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

/** Small helpers over swagger's OpenAPI 3.1 model. */
final class Schemas {

	static final String COMPONENTS = "#/components/schemas/";

	private Schemas() {
	}

	/** An OpenAPI 3.1 schema of one JSON type. */
	static Schema<Object> ofType(String type) {
		Schema<Object> schema = new JsonSchema();
		schema.setTypes(new LinkedHashSet<>(List.of(type)));
		return schema;
	}

	static Schema<Object> string(String description) {
		Schema<Object> schema = ofType("string");
		schema.setDescription(description);
		return schema;
	}

	static Schema<Object> ref(String name) {
		Schema<Object> schema = new JsonSchema();
		schema.set$ref(COMPONENTS + name);
		return schema;
	}

	@SuppressWarnings("rawtypes")
	static Schema<Object> object(String description, Map<String, Schema> properties, List<String> required) {
		Schema<Object> schema = ofType("object");
		schema.setDescription(description);
		schema.setProperties(new LinkedHashMap<>(properties));
		schema.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
		return schema;
	}

	/**
	 * Replaces, depth first, every schema under {@code root} (itself included) by what
	 * {@code replacement} makes of it.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Schema rewrite(Schema root, UnaryOperator<Schema> replacement) {
		if (root == null) {
			return null;
		}
		if (root.getProperties() != null) {
			Map<String, Schema> properties = new LinkedHashMap<>();
			((Map<String, Schema>) root.getProperties())
				.forEach((name, property) -> properties.put(name, rewrite(property, replacement)));
			root.setProperties(properties);
		}
		root.setItems(rewrite(root.getItems(), replacement));
		if (root.getAdditionalProperties() instanceof Schema additional) {
			root.setAdditionalProperties(rewrite(additional, replacement));
		}
		root.setAllOf(rewriteAll(root.getAllOf(), replacement));
		root.setAnyOf(rewriteAll(root.getAnyOf(), replacement));
		root.setOneOf(rewriteAll(root.getOneOf(), replacement));
		return replacement.apply(root);
	}

	@SuppressWarnings("rawtypes")
	private static List<Schema> rewriteAll(List<Schema> schemas, UnaryOperator<Schema> replacement) {
		return (schemas == null) ? null : schemas.stream().map(schema -> rewrite(schema, replacement)).toList();
	}

	/**
	 * Applies {@code replacement} to every schema of the document: the components', the
	 * parameters', the request bodies' and the responses'.
	 */
	@SuppressWarnings("rawtypes")
	static void rewriteAll(OpenAPI api, UnaryOperator<Schema> replacement) {
		if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
			Map<String, Schema> schemas = api.getComponents().getSchemas();
			schemas.replaceAll((name, schema) -> rewrite(schema, replacement));
		}
		for (Operation operation : operations(api)) {
			if (operation.getParameters() != null) {
				for (Parameter parameter : operation.getParameters()) {
					parameter.setSchema(rewrite(parameter.getSchema(), replacement));
				}
			}
			if (operation.getRequestBody() != null) {
				rewrite(operation.getRequestBody().getContent(), replacement);
			}
			if (operation.getResponses() != null) {
				for (ApiResponse response : operation.getResponses().values()) {
					rewrite(response.getContent(), replacement);
				}
			}
		}
	}

	@SuppressWarnings("rawtypes")
	private static void rewrite(Content content, UnaryOperator<Schema> replacement) {
		if (content != null) {
			for (MediaType mediaType : content.values()) {
				mediaType.setSchema(rewrite(mediaType.getSchema(), replacement));
			}
		}
	}

	static List<Operation> operations(OpenAPI api) {
		List<Operation> operations = new ArrayList<>();
		if (api.getPaths() != null) {
			api.getPaths().values().forEach(path -> operations.addAll(path.readOperations()));
		}
		return operations;
	}

	/**
	 * The {@code $ref}s of a list of schemas, or {@code null} if any is not a reference.
	 */
	@SuppressWarnings("rawtypes")
	static Set<String> refs(List<Schema> schemas) {
		Set<String> refs = new HashSet<>();
		for (Schema schema : schemas) {
			if (schema.get$ref() == null) {
				return null;
			}
			refs.add(schema.get$ref());
		}
		return refs;
	}

}
