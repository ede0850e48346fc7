package io.adamant.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.util.StringUtils;

/**
 * Finishes the document springdoc builds from the controllers, for every operation alike
 * (new ones included): the info block, tags named after the resources, polymorphic parts
 * as {@code oneOf} with a discriminator ({@link PolymorphicSchemas}), multipart form
 * fields in the form rather than the query, the problems each operation can answer with
 * ({@link ProblemResponses}), descriptions of path parameters, and the examples kept as
 * files ({@link OperationExamples}).
 */
final class ApiDocument implements OpenApiCustomizer {

	static final String TITLE = "Adamant";

	/** The API's version, as in its paths ({@code /api/v1}). */
	static final String VERSION = "v1";

	private static final String CONTROLLER_TAG_SUFFIX = "-controller";

	private static final String BEARER = "bearerKey";

	private static final String API_KEY_HEADER = "apiKeyHeader";

	private static final String MULTIPART = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;

	private final PolymorphicSchemas polymorphicSchemas;

	private final ProblemResponses problemResponses = new ProblemResponses();

	private final OperationExamples examples;

	ApiDocument(PolymorphicSchemas polymorphicSchemas, OperationExamples examples) {
		this.polymorphicSchemas = polymorphicSchemas;
		this.examples = examples;
	}

	@Override
	public void customise(OpenAPI api) {
		if (api.getComponents() == null) {
			api.setComponents(new Components());
		}
		Descriptions.cleanAll(api);
		api.setInfo(info());
		requireApiKeys(api);
		nameTagsAfterResources(api);
		this.polymorphicSchemas.apply(api);
		moveFormFieldsIntoTheForm(api);
		this.problemResponses.apply(api);
		describePathParameters(api);
		typeUntypedHeaders(api);
		this.examples.apply(api);
	}

	private static Info info() {
		return new Info().title(TITLE)
			.version(VERSION)
			.description("""
					Training as a service: submit a DL4J training job (dataset, model, optimizer, gradient \
					clipping, learning-rate schedule, divergence policy), follow it, read its per-epoch metrics \
					and gradient telemetry, download its checkpoints and predict with it. Jobs run from a \
					PostgreSQL queue on any number of service instances.

					Polymorphic parts of a job spec (`optimizer`, `clipping`, `model`, `schedule`) name their kind \
					in a `type` property; each kind is its own schema.

					Every error is an RFC 9457 problem (`application/problem+json`, schema `ProblemDetail`) with a \
					stable `type` URI:

					%s

					This document is kept in the repository as `src/main/resources/static/openapi.json` (also served \
					at `/openapi.json`); a test fails when the API and it differ."""
				.formatted(ProblemResponses.typesTable()));
	}

	/** Every operation takes an API key, as a bearer token or in {@code X-API-Key}. */
	private static void requireApiKeys(OpenAPI api) {
		api.getComponents()
			.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An API key (`adk_…`) as `Authorization: Bearer <key>`"))
			.addSecuritySchemes(API_KEY_HEADER,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-API-Key")
						.description("The same API key in `X-API-Key`"));
		api.setSecurity(
				List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY_HEADER)));
	}

	/**
	 * springdoc tags an operation after its controller ({@code job-controller}); the
	 * document tags it after the resource ({@code jobs}), which generated clients name
	 * their API classes after ({@code JobsApi}). Tags a controller names itself stay.
	 */
	private static void nameTagsAfterResources(OpenAPI api) {
		Map<String, String> renamed = new LinkedHashMap<>();
		for (Operation operation : Schemas.operations(api)) {
			if (operation.getTags() != null) {
				operation.setTags(operation.getTags().stream().map(tag -> {
					String name = resourceTag(tag);
					renamed.put(tag, name);
					return name;
				}).toList());
			}
		}
		Map<String, Tag> tags = new TreeMap<>();
		if (api.getTags() != null) {
			for (Tag tag : api.getTags()) {
				String name = renamed.getOrDefault(tag.getName(), resourceTag(tag.getName()));
				tags.put(name, new Tag().name(name).description(tag.getDescription()));
			}
		}
		renamed.values().forEach(name -> tags.putIfAbsent(name, new Tag().name(name)));
		api.setTags(tags.isEmpty() ? null : new ArrayList<>(tags.values()));
	}

	private static String resourceTag(String tag) {
		if (!tag.endsWith(CONTROLLER_TAG_SUFFIX)) {
			return tag;
		}
		String resource = tag.substring(0, tag.length() - CONTROLLER_TAG_SUFFIX.length());
		return resource.endsWith("s") ? resource : resource + "s";
	}

	/**
	 * Spring binds {@code @RequestParam}s of a multipart request from its form fields,
	 * but springdoc lists them as query parameters: they go into the form's schema.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void moveFormFieldsIntoTheForm(OpenAPI api) {
		for (Operation operation : Schemas.operations(api)) {
			if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
					|| operation.getParameters() == null) {
				continue;
			}
			MediaType form = operation.getRequestBody().getContent().get(MULTIPART);
			if (form == null) {
				continue;
			}
			Schema schema = (form.getSchema() != null) ? form.getSchema() : Schemas.ofType("object");
			Map<String, Schema> properties = new LinkedHashMap<>();
			if (schema.getProperties() != null) {
				properties.putAll(schema.getProperties());
			}
			List<String> required = new ArrayList<>();
			if (schema.getRequired() != null) {
				required.addAll(schema.getRequired());
			}
			List<Parameter> remaining = new ArrayList<>();
			for (Parameter parameter : operation.getParameters()) {
				if (!"query".equals(parameter.getIn())) {
					remaining.add(parameter);
					continue;
				}
				// a copy: springdoc shares one schema between parameters of a type
				Schema field = (parameter.getSchema() != null) ? AnnotationsUtils.clone(parameter.getSchema(), true)
						: Schemas.ofType("string");
				if (parameter.getDescription() != null) {
					field.setDescription(parameter.getDescription());
				}
				properties.put(parameter.getName(), field);
				if (Boolean.TRUE.equals(parameter.getRequired())) {
					required.add(parameter.getName());
				}
			}
			schema.setProperties(properties);
			schema.setRequired(required.isEmpty() ? null : required);
			form.setSchema(schema);
			operation.setParameters(remaining.isEmpty() ? null : remaining);
		}
	}

	/**
	 * A path parameter that its controller leaves undescribed is described by the
	 * resource before it: {@code /jobs/{id}} names a job, {@code /datasets/{name}} a
	 * dataset.
	 */
	private static void describePathParameters(OpenAPI api) {
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> {
			for (Operation operation : item.readOperations()) {
				if (operation.getParameters() == null) {
					continue;
				}
				for (Parameter parameter : operation.getParameters()) {
					if ("path".equals(parameter.getIn()) && !StringUtils.hasText(parameter.getDescription())) {
						parameter.setDescription(describe(path, parameter.getName()));
					}
				}
			}
		});
	}

	/** Response headers are strings unless a controller says otherwise. */
	private static void typeUntypedHeaders(OpenAPI api) {
		for (Operation operation : Schemas.operations(api)) {
			if (operation.getResponses() == null) {
				continue;
			}
			operation.getResponses().values().forEach(response -> {
				if (response.getHeaders() != null) {
					response.getHeaders().values().forEach(header -> {
						if (header.getSchema() == null && header.get$ref() == null) {
							header.setSchema(Schemas.ofType("string"));
						}
					});
				}
			});
		}
	}

	private static String describe(String path, String parameter) {
		String what = parameter.toLowerCase(Locale.ROOT).endsWith("name") ? "name" : "id";
		return "The %s's %s.".formatted(ProblemExamples.resourceBefore(path, parameter), what);
	}

}
