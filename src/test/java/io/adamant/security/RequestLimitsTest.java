package io.adamant.security;

import io.adamant.support.Api;
import io.adamant.support.NoWorkersApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Body limits, security headers and error bodies that say nothing of the internals. */
@TestPropertySource(properties = "adamant.security.max-json-body=4KB")
class RequestLimitsTest extends NoWorkersApiTest {

	@Test
	void aJsonBodyOverTheLimitIsRefusedWith413() {
		String big = "{\"name\":\"" + "x".repeat(5000) + "\",\"dataset\":{\"name\":\"iris\"}}";
		Api.Response response = this.api.post("/api/v1/jobs", big);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body().path("type").asString()).isEqualTo("urn:adamant:problem:payload-too-large");
		assertThat(response.body().path("detail").asString()).contains("4KB");
		assertThat(this.api.get("/api/v1/jobs").body().path("totalItems").asLong()).isZero();
	}

	@Test
	void responsesCarrySecurityHeaders() {
		Api.Response response = this.api.get("/api/v1/jobs");

		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(this.api.withKey(null).get("/api/v1/jobs").header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void errorBodiesNameNoClassesStackFramesOrSql() {
		String[] bad = { "{\"dataset\":", "{\"training\":{\"epochs\":\"ten\"}}", "[1,2]",
				"{\"dataset\":{\"name\":\"iris'; DROP TABLE jobs;--\"}}" };
		for (String body : bad) {
			Api.Response response = this.api.post("/api/v1/jobs", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.body().toString()).as(body)
				.doesNotContainIgnoringCase("exception")
				.doesNotContain("tools.jackson", "java.", "io.adamant", "\tat ", "SELECT", "INSERT", "jobs_");
		}
		Api.Response notFound = this.api.get("/api/v1/jobs/not-a-uuid");
		assertThat(notFound.body().toString()).doesNotContainIgnoringCase("exception").doesNotContain("java.");
	}

}
