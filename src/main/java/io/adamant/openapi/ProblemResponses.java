package io.adamant.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.adamant.api.ProblemTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;

/**
 * Documents the RFC 9457 problems every operation can answer with, as
 * {@code application/problem+json} bodies of the {@code ProblemDetail} schema, each with
 * the stable problem type URIs that come with its status and an example per type:
 * <ul>
 * <li>{@code 400} where the operation takes a body or a parameter whose value can be
 * wrong (a number, a UUID, a choice, …);</li>
 * <li>{@code 404} where its path names a resource;</li>
 * <li>{@code 415} where it takes a body, {@code 413} where it takes JSON;</li>
 * <li>{@code 401} on every API path, {@code 403} on the admin paths;</li>
 * <li>{@code 500} everywhere;</li>
 * <li>any other error status the operation declares itself (e.g.
 * {@code @ApiResponse(responseCode = "409", description = "…")}), with its own
 * description.</li>
 * </ul>
 * It applies to every operation, including ones added later.
 */
final class ProblemResponses {

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	static final String PROBLEM_DETAIL = "ProblemDetail";

	static final String FIELD_PROBLEM = "FieldProblem";

	void apply(OpenAPI api) {
		api.getComponents().addSchemas(PROBLEM_DETAIL, problemDetailSchema());
		api.getComponents().addSchemas(FIELD_PROBLEM, fieldProblemSchema());
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (operation.getResponses() == null) {
				operation.setResponses(new ApiResponses());
			}
			document(path, method, operation);
		}));
	}

	private void document(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		boolean takesBody = operation.getRequestBody() != null;
		boolean takesJson = takesBody && operation.getRequestBody().getContent() != null
				&& operation.getRequestBody().getContent().keySet().stream().anyMatch(type -> type.contains("json"));
		if (takesBody || parameters.stream().anyMatch(ProblemResponses::canBeInvalid)) {
			responses.putIfAbsent("400", new ApiResponse());
		}
		if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
			responses.putIfAbsent("404", new ApiResponse());
		}
		if (takesBody) {
			responses.putIfAbsent("415", new ApiResponse());
		}
		if (takesJson) {
			responses.putIfAbsent("413", new ApiResponse());
		}
		if (path.startsWith("/api/")) {
			responses.putIfAbsent("401", new ApiResponse());
		}
		if (path.startsWith("/api/v1/admin/")) {
			responses.putIfAbsent("403", new ApiResponse());
		}
		responses.putIfAbsent("500", new ApiResponse());

		ApiResponses ordered = new ApiResponses();
		responses.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(entry -> ordered.addApiResponse(entry.getKey(), entry.getValue()));
		ordered.forEach((code, response) -> {
			if (code.startsWith("2") && response.getContent() != null) {
				response.getContent().remove(PROBLEM_JSON);
			}
			if (code.matches("[45]\\d\\d")) {
				describe(path, method, Integer.parseInt(code), response, operation, takesJson);
			}
		});
		operation.setResponses(ordered);
	}

	/**
	 * Whether a value of the parameter can be refused: one with a type, format, range or
	 * choices to break, or a required one that is not in the path. Any string fits a
	 * plain string path parameter.
	 */
	@SuppressWarnings("rawtypes")
	private static boolean canBeInvalid(Parameter parameter) {
		Schema schema = parameter.getSchema();
		if (schema == null) {
			return true;
		}
		boolean plainString = "string".equals(schema.getType())
				|| (schema.getTypes() != null && schema.getTypes().equals(Set.of("string")));
		boolean constrained = schema.getFormat() != null || schema.getEnum() != null || schema.getPattern() != null
				|| schema.getMinLength() != null || schema.getMaxLength() != null;
		boolean requiredOutsidePath = Boolean.TRUE.equals(parameter.getRequired()) && !"path".equals(parameter.getIn());
		return !plainString || constrained || requiredOutsidePath;
	}

	private void describe(String path, PathItem.HttpMethod method, int status, ApiResponse response,
			Operation operation, boolean takesJson) {
		List<ProblemCatalog.Entry> entries = new ArrayList<>(ProblemCatalog.forStatus(status));
		if (status == 400 && !takesJson) {
			entries.removeIf(entry -> entry.slug().equals(ProblemTypes.MALFORMED_REQUEST));
		}
		String instance = ProblemExamples.instance(path, operation);
		Map<String, Example> examples = new LinkedHashMap<>();
		String types;
		if (entries.isEmpty()) {
			String reason = reasonPhrase(status);
			String slug = ProblemTypes.HTTP_STATUS_PREFIX + status;
			examples.put(slug, new Example().summary(ProblemTypes.URI_PREFIX + slug)
				.value(ProblemCatalog.httpStatusExample(status, reason, httpStatusDetail(status, method), instance)));
			types = "`%s%s`: Spring MVC's own refusal, typed by its status".formatted(ProblemTypes.URI_PREFIX, slug);
		}
		else {
			for (ProblemCatalog.Entry entry : entries) {
				examples.put(entry.slug(), new Example().summary(entry.uri())
					.value(ProblemExamples.example(entry, path, operation, takesJson)));
			}
			types = entries.stream()
				.map(entry -> "`%s`: %s".formatted(entry.uri(), entry.when()))
				.collect(Collectors.joining("; "));
		}
		String given = response.getDescription();
		String summary = (StringUtils.hasText(given) && !given.equals(reasonPhrase(status))) ? given
				: (entries.isEmpty() ? reasonPhrase(status) : entries.get(0).title());
		response.setDescription(
				"%s. Problem type%s: %s.".formatted(stripPeriod(summary), (entries.size() > 1) ? "s" : "", types));
		MediaType problem = new MediaType().schema(Schemas.ref(PROBLEM_DETAIL));
		examples.forEach(problem::addExamples);
		response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
	}

	private static String httpStatusDetail(int status, PathItem.HttpMethod method) {
		if (status == 415) {
			return "Content-Type 'text/plain' is not supported.";
		}
		if (status == 405) {
			return "Method '%s' is not supported.".formatted(method);
		}
		return reasonPhrase(status);
	}

	private static String reasonPhrase(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status;
	}

	private static String stripPeriod(String text) {
		String trimmed = text.strip();
		return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemDetailSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		Schema<Object> type = Schemas.string("""
				A URI naming the problem type; one of the stable types below, or \
				`%s` for Spring MVC's own refusals (a wrong method, an unsupported content type, …).

				%s""".formatted(ProblemCatalog.HTTP_STATUS_TYPES, typesTable()));
		type.setFormat("uri");
		type.setExamples(new ArrayList<>(ProblemCatalog.ENTRIES.stream().map(ProblemCatalog.Entry::uri).toList()));
		properties.put("type", type);
		properties.put("title",
				Schemas.string("A short summary of the problem type, the same for every " + "occurrence of the type."));
		Schema<Object> status = Schemas.ofType("integer");
		status.setFormat("int32");
		status.setDescription("The HTTP status code.");
		properties.put("status", status);
		properties.put("detail", Schemas.string("What went wrong in this occurrence, in words."));
		Schema<Object> instance = Schemas.string("The request's path.");
		instance.setFormat("uri-reference");
		properties.put("instance", instance);
		Schema<Object> errors = Schemas.ofType("array");
		errors.setItems(Schemas.ref(FIELD_PROBLEM));
		errors.setDescription("For client errors: each field or parameter at fault. Left out when there is none.");
		properties.put("errors", errors);
		return Schemas.object("""
				An RFC 9457 problem: every error of the API is one, served as `application/problem+json`. \
				Client errors name each field at fault in `errors`.""", properties, List.of("type", "title", "status"));
	}

	/** The stable problem types as a Markdown table. */
	static String typesTable() {
		StringBuilder table = new StringBuilder("| type | status | when |\n|---|---|---|\n");
		for (ProblemCatalog.Entry entry : ProblemCatalog.ENTRIES) {
			table.append("| `%s` | %d | %s |\n".formatted(entry.uri(), entry.status(), entry.when()));
		}
		table.append("| `%s` | 4xx | Spring MVC's own refusals, e.g. `http-405`, `http-415` |"
			.formatted(ProblemCatalog.HTTP_STATUS_TYPES));
		return table.toString();
	}

	@SuppressWarnings("rawtypes")
	private static Schema fieldProblemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("field", Schemas.string("""
				The field's path in the request body (e.g. `optimizer.learningRate`, \
				`model.hiddenLayers[0].units`), the query or form parameter, or `body` for the body as a whole."""));
		properties.put("message", Schemas.string("What is wrong with it."));
		return Schemas.object("One thing wrong with a request.", properties, List.of("field", "message"));
	}

}
