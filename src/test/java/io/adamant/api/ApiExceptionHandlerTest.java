package io.adamant.api;

import java.net.SocketException;
import java.sql.SQLException;

import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures no controller expects: a lost database is a 503, anything else a bare 500. */
class ApiExceptionHandlerTest {

	private final ApiExceptionHandler handler = new ApiExceptionHandler(
			new StaticListableBeanFactory().getBeanProvider(MultipartConfigElement.class));

	@Test
	void aLostDatabaseConnectionIsServiceUnavailable() {
		ResponseEntity<ProblemDetail> response = this.handler
			.handleUnexpected(new DataAccessResourceFailureException("PreparedStatementCallback",
					new SQLException("An I/O error occurred", "08006", new SocketException())));

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().getType()).hasToString("urn:adamant:problem:service-unavailable");
		assertThat(response.getBody().getDetail()).doesNotContain("SQL", "PreparedStatement");
	}

	@Test
	void anythingElseIsAnInternalErrorThatSaysNothingOfTheInternals() {
		ResponseEntity<ProblemDetail> response = this.handler
			.handleUnexpected(new IllegalStateException("SELECT * FROM jobs failed in io.adamant.Foo"));

		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody().getDetail()).doesNotContain("SELECT", "io.adamant");
	}

}
