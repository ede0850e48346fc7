package io.adamant.job;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * Whether a dotted path ({@code optimizer.learningRate},
 * {@code model.hiddenLayers.0.units}) names a field of a {@link JobSpec}. Read from the
 * spec's records, so a field added to the spec is a valid path without anything to update
 * here. A field of any subtype of a polymorphic part counts ({@code optimizer.momentum}
 * is a path even where the optimizer is Adam): whether it fits a given spec is for that
 * spec's validation to say.
 */
public final class JobSpecPaths {

	private JobSpecPaths() {
	}

	/** What is wrong with {@code path}, or nothing when it names a field of the spec. */
	public static Optional<String> problem(String path) {
		Type type = JobSpec.class;
		String walked = "";
		for (String segment : path.split("\\.", -1)) {
			Optional<Type> next = child(type, segment);
			if (next.isEmpty()) {
				return Optional.of(describe(type, segment, walked.isEmpty() ? "the spec" : "'" + walked + "'"));
			}
			type = next.get();
			walked = walked.isEmpty() ? segment : walked + "." + segment;
		}
		return Optional.empty();
	}

	private static Optional<Type> child(Type type, String segment) {
		if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
			return segment.matches("\\d{1,4}") ? Optional.of(list.getActualTypeArguments()[0]) : Optional.empty();
		}
		if (!(type instanceof Class<?> cls)) {
			return Optional.empty();
		}
		if (isPolymorphic(cls) && segment.equals("type")) {
			return Optional.of(String.class);
		}
		return records(cls).stream()
			.flatMap(record -> Arrays.stream(record.getRecordComponents()))
			.filter(component -> component.getName().equals(segment))
			.map(RecordComponent::getGenericType)
			.findFirst();
	}

	/** A record itself, or every subtype a polymorphic interface can be read as. */
	private static List<Class<?>> records(Class<?> cls) {
		List<Class<?>> records = new ArrayList<>();
		if (cls.isRecord()) {
			records.add(cls);
		}
		else if (isPolymorphic(cls)) {
			for (JsonSubTypes.Type subtype : cls.getAnnotation(JsonSubTypes.class).value()) {
				records.add(subtype.value());
			}
		}
		return records;
	}

	private static boolean isPolymorphic(Class<?> cls) {
		return cls.isInterface() && cls.isAnnotationPresent(JsonSubTypes.class);
	}

	private static String describe(Type type, String segment, String at) {
		if (type instanceof ParameterizedType) {
			return "%s is a list: '%s' is not an index".formatted(at, segment);
		}
		TreeSet<String> fields = new TreeSet<>();
		Class<?> cls = (Class<?>) type;
		records(cls).forEach(record -> Arrays.stream(record.getRecordComponents())
			.forEach(component -> fields.add(component.getName())));
		if (fields.isEmpty()) {
			return "%s is a value; it has no field '%s'".formatted(at, segment);
		}
		if (isPolymorphic(cls)) {
			fields.add("type");
		}
		return "%s has no field '%s'; its fields are %s".formatted(at, segment, fields);
	}

}
