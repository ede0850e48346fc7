package io.adamant.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.adamant.api.ProblemTypes;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Example problems fitted to an operation: its path with example values for the instance,
 * the resource its path names for a 404, its first parameter for a 400 when it takes no
 * JSON body.
 */
final class ProblemExamples {

	private static final List<String> EXAMPLE_IDS = List.of("5b3f2e0c-8d1a-4c57-9a7e-2f0d6b1c9e44",
			"9c1d7a52-3e8b-4f06-b2d4-7a1e5c0f8b31", "0e6b4c3a-7f21-4d9e-8a55-c2b1d3e4f607");

	private static final String EXAMPLE_NAME = "my-iris";

	private ProblemExamples() {
	}

	/** The operation's path with an example value for each path parameter. */
	static String instance(String path, Operation operation) {
		String instance = path;
		int ids = 0;
		for (Parameter parameter : pathParameters(operation)) {
			String value = isUuid(parameter) ? EXAMPLE_IDS.get(Math.min(ids++, EXAMPLE_IDS.size() - 1)) : EXAMPLE_NAME;
			instance = instance.replace("{" + parameter.getName() + "}", value);
		}
		return instance;
	}

	static Map<String, Object> example(ProblemCatalog.Entry entry, String path, Operation operation,
			boolean takesJson) {
		Map<String, Object> example = new LinkedHashMap<>(entry.example());
		example.put("instance", instance(path, operation));
		if (entry.slug().equals(ProblemTypes.NOT_FOUND)) {
			List<Parameter> parameters = pathParameters(operation);
			if (!parameters.isEmpty()) {
				example.put("detail", notFound(path, parameters.get(parameters.size() - 1)));
			}
		}
		if (entry.slug().equals(ProblemTypes.INVALID_REQUEST) && !takesJson) {
			Map<String, Object> error = invalidField(operation);
			if (error != null) {
				example.put("detail", "The request has 1 invalid field(s): %s: %s".formatted(error.get("field"),
						error.get("message")));
				example.put("errors", List.of(error));
			}
		}
		return example;
	}

	private static String notFound(String path, Parameter parameter) {
		String resource = resourceBefore(path, parameter.getName());
		return isUuid(parameter) ? "No %s has id %s".formatted(resource, EXAMPLE_IDS.get(0))
				: "No %s is named '%s'".formatted(resource, EXAMPLE_NAME);
	}

	/** A bad value of the operation's first parameter, or a missing form field. */
	@SuppressWarnings("rawtypes")
	private static Map<String, Object> invalidField(Operation operation) {
		if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
			Parameter parameter = operation.getParameters().get(0);
			Schema schema = parameter.getSchema();
			String message;
			if (isUuid(parameter)) {
				message = "'not-a-uuid' is not a valid UUID";
			}
			else if (schema != null && schema.getEnum() != null) {
				message = "'unknown' is not a valid value; one of " + schema.getEnum();
			}
			else if (schema != null && (is(schema, "integer") || is(schema, "number"))) {
				message = "must be greater than or equal to 0";
			}
			else {
				message = "is invalid";
			}
			return error(parameter.getName(), message);
		}
		if (operation.getRequestBody() != null) {
			return error("file", "is required");
		}
		return null;
	}

	private static Map<String, Object> error(String field, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

	/**
	 * The singular of the path segment before {@code {parameter}}: {@code job} for
	 * {@code /jobs/{id}}.
	 */
	static String resourceBefore(String path, String parameter) {
		String[] segments = path.split("/");
		for (int i = 1; i < segments.length; i++) {
			if (segments[i].equals("{" + parameter + "}")) {
				String resource = segments[i - 1];
				return resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
			}
		}
		return "resource";
	}

	private static List<Parameter> pathParameters(Operation operation) {
		return (operation.getParameters() == null) ? List.of()
				: operation.getParameters().stream().filter(parameter -> "path".equals(parameter.getIn())).toList();
	}

	private static boolean isUuid(Parameter parameter) {
		return parameter.getSchema() != null && "uuid".equals(parameter.getSchema().getFormat());
	}

	@SuppressWarnings("rawtypes")
	private static boolean is(Schema schema, String type) {
		return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
	}

}
