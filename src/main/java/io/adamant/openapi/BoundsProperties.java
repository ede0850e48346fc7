package io.adamant.openapi;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * Bean Validation bounds that swagger leaves out of an OpenAPI 3.1 document: the sign
 * constraints ({@code @Positive}, {@code @PositiveOrZero}, …) and the exclusive bounds of
 * {@code @DecimalMin(inclusive = false)} and {@code @DecimalMax(inclusive = false)},
 * which swagger marks in the OpenAPI 3.0 way that 3.1 no longer has.
 */
final class BoundsProperties implements PropertyCustomizer {

	@Override
	@SuppressWarnings("rawtypes")
	public Schema customize(Schema property, AnnotatedType type) {
		if (property == null) {
			return null;
		}
		if (Boolean.TRUE.equals(property.getExclusiveMinimum()) && property.getMinimum() != null) {
			property.setExclusiveMinimumValue(property.getMinimum());
			property.setMinimum(null);
			property.setExclusiveMinimum(null);
		}
		if (Boolean.TRUE.equals(property.getExclusiveMaximum()) && property.getMaximum() != null) {
			property.setExclusiveMaximumValue(property.getMaximum());
			property.setMaximum(null);
			property.setExclusiveMaximum(null);
		}
		if (type == null || type.getCtxAnnotations() == null || !numeric(property)) {
			return property;
		}
		for (Annotation annotation : type.getCtxAnnotations()) {
			if (annotation instanceof Positive) {
				lowerBound(property, true);
			}
			else if (annotation instanceof PositiveOrZero) {
				lowerBound(property, false);
			}
			else if (annotation instanceof Negative) {
				upperBound(property, true);
			}
			else if (annotation instanceof NegativeOrZero) {
				upperBound(property, false);
			}
		}
		return property;
	}

	@SuppressWarnings("rawtypes")
	private static void lowerBound(Schema property, boolean exclusive) {
		if (integer(property)) {
			property.setMinimum(exclusive ? BigDecimal.ONE : BigDecimal.ZERO);
		}
		else if (exclusive) {
			property.setExclusiveMinimumValue(BigDecimal.ZERO);
		}
		else {
			property.setMinimum(BigDecimal.ZERO);
		}
	}

	@SuppressWarnings("rawtypes")
	private static void upperBound(Schema property, boolean exclusive) {
		if (integer(property)) {
			property.setMaximum(exclusive ? BigDecimal.ONE.negate() : BigDecimal.ZERO);
		}
		else if (exclusive) {
			property.setExclusiveMaximumValue(BigDecimal.ZERO);
		}
		else {
			property.setMaximum(BigDecimal.ZERO);
		}
	}

	@SuppressWarnings("rawtypes")
	private static boolean numeric(Schema property) {
		return integer(property) || is(property, "number");
	}

	@SuppressWarnings("rawtypes")
	private static boolean integer(Schema property) {
		return is(property, "integer");
	}

	@SuppressWarnings("rawtypes")
	private static boolean is(Schema property, String type) {
		return type.equals(property.getType()) || (property.getTypes() != null && property.getTypes().contains(type));
	}

}
