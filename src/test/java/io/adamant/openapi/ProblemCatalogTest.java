package io.adamant.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import io.adamant.api.ApiException;
import io.adamant.api.InvalidRequestException;
import io.adamant.api.PayloadTooLargeException;
import io.adamant.api.ProblemTypes;
import io.adamant.api.ResourceNotFoundException;
import io.adamant.api.StateConflictException;
import io.adamant.security.QuotaExceededException;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document's catalogue of problem types covers every type the API has, with
 * the status and title the API answers with.
 */
class ProblemCatalogTest {

	@Test
	void cataloguesEveryProblemType() {
		List<String> slugs = Arrays.stream(ProblemTypes.class.getFields())
			.filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.filter(field -> !field.getName().endsWith("_PREFIX"))
			.map(ProblemCatalogTest::value)
			.toList();

		assertThat(ProblemCatalog.ENTRIES).extracting(ProblemCatalog.Entry::slug)
			.as("every ProblemTypes constant needs an entry in ProblemCatalog, for the OpenAPI document")
			.containsExactlyInAnyOrderElementsOf(slugs);
	}

	@Test
	void cataloguesTheStatusAndTitleTheApiAnswersWith() {
		List<ApiException> exceptions = List.of(InvalidRequestException.forField("field", "is wrong"),
				PayloadTooLargeException.forField("file", DataSize.ofMegabytes(1)),
				new ResourceNotFoundException("gone") {
				}, new StateConflictException("in use") {
				}, QuotaExceededException.activeJobs(3), QuotaExceededException.storage(10, 5));
		for (ApiException exception : exceptions) {
			ProblemCatalog.Entry entry = ProblemCatalog.ENTRIES.stream()
				.filter(candidate -> candidate.slug().equals(exception.type()))
				.findFirst()
				.orElseThrow();
			assertThat(entry.status()).isEqualTo(exception.status().value());
			assertThat(entry.title()).isEqualTo(exception.title());
			assertThat(entry.example()).containsEntry("type", ProblemTypes.uri(entry.slug()).toString())
				.containsEntry("title", exception.title())
				.containsEntry("status", exception.status().value());
		}
	}

	private static String value(Field field) {
		try {
			return (String) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
