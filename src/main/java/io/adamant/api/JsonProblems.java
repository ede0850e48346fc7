package io.adamant.api;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says which field of a JSON body could not be read and why, in words a client can act
 * on, without Java class names.
 */
public final class JsonProblems {

	private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = (\\[[^]]*])");

	private JsonProblems() {
	}

	static FieldProblem describe(HttpMessageNotReadableException ex) {
		return describe(ex.getCause());
	}

	/**
	 * The field a failed read of JSON into an object names (paths relative to that
	 * object), and what is wrong with it. Public for requests that carry JSON that is
	 * read later, such as a sweep's job specs.
	 */
	public static FieldProblem describe(Throwable cause) {
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new FieldProblem(path(unknown), "unknown field; known fields are "
					+ unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
		}
		if (cause instanceof InvalidTypeIdException typeId) {
			return describeTypeId(typeId);
		}
		if (cause instanceof InvalidFormatException format) {
			return new FieldProblem(path(format),
					"'%s' is not a valid %s".formatted(format.getValue(), expected(format.getTargetType())));
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return new FieldProblem(path(mismatch), mismatch.getTargetType() == null ? "wrong type"
					: "wrong type; expected " + expected(mismatch.getTargetType()));
		}
		if (cause instanceof StreamReadException read) {
			return new FieldProblem("body",
					"malformed JSON" + location(read) + ": " + summary(read.getOriginalMessage()));
		}
		if (cause instanceof JacksonException other) {
			return new FieldProblem(path(other), summary(other.getOriginalMessage()));
		}
		return new FieldProblem("body", "a JSON body is required");
	}

	private static FieldProblem describeTypeId(InvalidTypeIdException ex) {
		String field = path(ex);
		String typeField = field.equals("body") ? "type" : field + ".type";
		Matcher known = KNOWN_TYPE_IDS.matcher(String.valueOf(ex.getOriginalMessage()));
		String choices = known.find() ? "; one of " + known.group(1) : "";
		if (ex.getTypeId() == null) {
			return new FieldProblem(typeField, "is required" + choices);
		}
		return new FieldProblem(typeField, "'%s' is not a known type%s".formatted(ex.getTypeId(), choices));
	}

	static String expected(Class<?> type) {
		if (type == null) {
			return "value";
		}
		if (type.isEnum()) {
			return "value; one of " + Arrays.stream(type.getEnumConstants()).map(JsonProblems::jsonName).toList();
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return (type == Integer.class || type == Long.class || type == int.class || type == long.class) ? "integer"
					: "number";
		}
		if (type == java.util.UUID.class) {
			return "UUID";
		}
		if (type == String.class) {
			return "string";
		}
		if (type == Boolean.class) {
			return "boolean";
		}
		if (List.class.isAssignableFrom(type)) {
			return "array";
		}
		return "object";
	}

	/**
	 * An enum constant as JSON spells it: its {@code @JsonProperty} name, else its name.
	 */
	private static String jsonName(Object constant) {
		try {
			JsonProperty property = ((Enum<?>) constant).getDeclaringClass()
				.getField(((Enum<?>) constant).name())
				.getAnnotation(JsonProperty.class);
			return property == null ? ((Enum<?>) constant).name() : property.value();
		}
		catch (NoSuchFieldException ex) {
			return constant.toString();
		}
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String location(JacksonException ex) {
		return ex.getLocation() == null ? ""
				: " at line %d, column %d".formatted(ex.getLocation().getLineNr(), ex.getLocation().getColumnNr());
	}

	/** The parser's message up to where it starts describing its own input source. */
	private static String summary(String message) {
		if (message == null) {
			return "unreadable";
		}
		String summary = message.lines().findFirst().orElse(message);
		int source = summary.indexOf(" (start marker at");
		return source < 0 ? summary : summary.substring(0, source);
	}

}
