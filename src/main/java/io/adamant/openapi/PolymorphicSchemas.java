package io.adamant.openapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Describes every polymorphic part of the API (a type with Jackson's
 * {@code @JsonTypeInfo(use = NAME)} and {@code @JsonSubTypes}, such as the optimizer, the
 * clipping, the model and the schedule of a job spec) as JSON Schema's {@code oneOf} of
 * its subtypes with a {@code discriminator} that maps each type name to its schema, as
 * code generators expect:
 * <ul>
 * <li>the type's schema is {@code oneOf} the subtypes' schemas, with the discriminator
 * property and its mapping, in the order of {@code @JsonSubTypes};</li>
 * <li>each subtype's schema is a plain object (no {@code allOf} back to the type) whose
 * discriminator property is required and takes only that subtype's name;</li>
 * <li>wherever the document inlined a {@code oneOf} of exactly those subtypes (a property
 * of the type), it refers to the type's schema instead.</li>
 * </ul>
 * Types are found by scanning the application's packages, so a new polymorphic part of
 * the API is described the same way without any change here.
 */
final class PolymorphicSchemas {

	private final List<Class<?>> types;

	private PolymorphicSchemas(List<Class<?>> types) {
		this.types = types;
	}

	static PolymorphicSchemas scan(Collection<String> basePackages, ClassLoader classLoader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				// interfaces, abstract and nested types too
				return true;
			}

		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(JsonSubTypes.class, false, false));
		List<Class<?>> types = new ArrayList<>();
		for (String basePackage : basePackages) {
			for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
				Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(), classLoader);
				JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
				if (info != null && info.use() == JsonTypeInfo.Id.NAME) {
					types.add(type);
				}
			}
		}
		types.sort(Comparator.comparing(Class::getName));
		return new PolymorphicSchemas(List.copyOf(types));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	void apply(OpenAPI api) {
		if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
			return;
		}
		Map<String, Schema> schemas = api.getComponents().getSchemas();
		for (Class<?> type : this.types) {
			String name = schemaName(type);
			Schema original = schemas.get(name);
			if (original == null) {
				continue; // not part of the API
			}
			String property = discriminatorProperty(type);
			Map<String, String> mapping = new LinkedHashMap<>();
			List<Schema> oneOf = new ArrayList<>();
			for (JsonSubTypes.Type subtype : type.getAnnotation(JsonSubTypes.class).value()) {
				String subtypeName = schemaName(subtype.value());
				Schema schema = schemas.get(subtypeName);
				if (schema == null) {
					throw new IllegalStateException("No schema %s for subtype %s of %s".formatted(subtypeName,
							subtype.value().getName(), type.getName()));
				}
				String id = typeId(subtype);
				schemas.put(subtypeName, flatten(schema, name, property, id));
				mapping.put(id, Schemas.COMPONENTS + subtypeName);
				oneOf.add(Schemas.ref(subtypeName));
			}
			Set<String> subtypeRefs = Set.copyOf(mapping.values());
			Schemas.rewriteAll(api, schema -> inlinedOneOf(schema, subtypeRefs) ? asRef(schema, name) : schema);
			Schema polymorphic = new JsonSchema();
			polymorphic.setDescription(original.getDescription());
			polymorphic.setOneOf(oneOf);
			polymorphic.setDiscriminator(new Discriminator().propertyName(property).mapping(mapping));
			schemas.put(name, polymorphic);
		}
	}

	/**
	 * The subtype as a plain object: its own properties and those swagger put in an
	 * {@code allOf} next to the type, the discriminator property first.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema flatten(Schema subtype, String typeName, String property, String id) {
		Map<String, Schema> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		String description = subtype.getDescription();
		List<Schema> parts = new ArrayList<>();
		parts.add(subtype);
		if (subtype.getAllOf() != null) {
			parts.addAll(subtype.getAllOf());
		}
		Schema<Object> discriminator = Schemas.string("`%s`: selects this kind of %s.".formatted(id, typeName));
		discriminator.setEnum(List.of(id));
		discriminator.setDefault(id);
		properties.put(property, discriminator);
		required.add(property);
		for (Schema part : parts) {
			if ((Schemas.COMPONENTS + typeName).equals(part.get$ref())) {
				continue;
			}
			if (description == null) {
				description = part.getDescription();
			}
			if (part.getProperties() != null) {
				((Map<String, Schema>) part.getProperties()).forEach((name, schema) -> {
					if (!name.equals(property)) {
						properties.put(name, schema);
					}
				});
			}
			if (part.getRequired() != null) {
				((List<String>) part.getRequired()).stream()
					.filter(name -> !required.contains(name))
					.forEach(required::add);
			}
		}
		return Schemas.object(description, properties, required);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static boolean inlinedOneOf(Schema schema, Set<String> subtypeRefs) {
		return schema.getOneOf() != null && subtypeRefs.equals(Schemas.refs(schema.getOneOf()));
	}

	@SuppressWarnings("rawtypes")
	private static Schema asRef(Schema inlined, String name) {
		Schema<Object> ref = Schemas.ref(name);
		ref.setDescription(inlined.getDescription());
		return ref;
	}

	/**
	 * The name swagger gives the type's schema: its {@code @Schema} name or simple name.
	 */
	static String schemaName(Class<?> type) {
		io.swagger.v3.oas.annotations.media.Schema schema = type
			.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
		return (schema != null && StringUtils.hasText(schema.name())) ? schema.name() : type.getSimpleName();
	}

	private static String discriminatorProperty(Class<?> type) {
		JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
		return StringUtils.hasText(info.property()) ? info.property() : info.use().getDefaultPropertyName();
	}

	/** The subtype's name in JSON, as Jackson reads it. */
	private static String typeId(JsonSubTypes.Type subtype) {
		if (StringUtils.hasText(subtype.name())) {
			return subtype.name();
		}
		if (subtype.names().length > 0) {
			return subtype.names()[0];
		}
		JsonTypeName typeName = subtype.value().getAnnotation(JsonTypeName.class);
		return (typeName != null && StringUtils.hasText(typeName.value())) ? typeName.value()
				: subtype.value().getSimpleName();
	}

}
