package io.adamant.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Examples of request and response bodies, kept as files beside the code rather than in
 * annotations:
 * {@code src/main/resources/openapi/examples/<operationId>/<request|status>/<name>.json},
 * each an OpenAPI Example Object ({@code summary}, {@code description}, {@code value}).
 * For instance {@code submitJob/request/exploding-sgd-clipped.json} is an example body of
 * {@code POST /api/v1/jobs}, {@code getJob/200/succeeded.json} one of its answer. An
 * example for an operation or status the document does not have is an error, so that
 * renaming an operation cannot leave its examples behind unnoticed.
 */
final class OperationExamples {

	static final String LOCATION = "classpath*:openapi/examples/*/*/*.json";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Entry> entries;

	private OperationExamples(List<Entry> entries) {
		this.entries = entries;
	}

	static OperationExamples load(ClassLoader classLoader) {
		List<Entry> entries = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver(classLoader).getResources(LOCATION)) {
				String[] parts = resource.getURL().toString().split("/");
				int last = parts.length - 1;
				String name = parts[last].substring(0, parts[last].length() - ".json".length());
				try (InputStream in = resource.getInputStream()) {
					@SuppressWarnings("unchecked")
					Map<String, Object> example = json.readValue(in, Map.class);
					entries.add(new Entry(parts[last - 2], parts[last - 1], name, example));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the OpenAPI examples", ex);
		}
		entries.sort(Comparator.comparing(Entry::operationId).thenComparing(Entry::target).thenComparing(Entry::name));
		return new OperationExamples(List.copyOf(entries));
	}

	void apply(OpenAPI api) {
		Map<String, Operation> operations = new HashMap<>();
		for (Operation operation : Schemas.operations(api)) {
			operations.put(operation.getOperationId(), operation);
		}
		for (Entry entry : this.entries) {
			Operation operation = operations.get(entry.operationId());
			if (operation == null) {
				throw new IllegalStateException("Example %s is for operation %s, which the API does not have"
					.formatted(entry, entry.operationId()));
			}
			Content content = content(operation, entry);
			MediaType mediaType = content.entrySet()
				.stream()
				.filter(type -> !type.getKey().equals(ProblemResponses.PROBLEM_JSON))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Example %s has no media type to go to".formatted(entry)));
			Map<String, Object> value = entry.example();
			mediaType.addExamples(entry.name(),
					new Example().summary((String) value.get("summary"))
						.description((String) value.get("description"))
						.value(value.get("value")));
		}
	}

	private static Content content(Operation operation, Entry entry) {
		Content content = null;
		if (entry.target().equals("request")) {
			content = (operation.getRequestBody() != null) ? operation.getRequestBody().getContent() : null;
		}
		else {
			ApiResponse response = (operation.getResponses() != null) ? operation.getResponses().get(entry.target())
					: null;
			content = (response != null) ? response.getContent() : null;
		}
		if (content == null) {
			throw new IllegalStateException("Example %s is for a %s body that operation %s does not have"
				.formatted(entry, entry.target(), entry.operationId()));
		}
		return content;
	}

	/**
	 * @param operationId the operation
	 * @param target {@code request}, or the response's status
	 * @param name the example's name
	 * @param example its Example Object
	 */
	private record Entry(String operationId, String target, String name, Map<String, Object> example) {

		@Override
		public String toString() {
			return this.operationId + "/" + this.target + "/" + this.name;
		}

	}

}
