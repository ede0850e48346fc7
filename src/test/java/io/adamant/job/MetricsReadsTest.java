package io.adamant.job;

import java.util.List;
import java.util.UUID;

import io.adamant.metrics.EpochResult;
import io.adamant.metrics.JobMetrics;
import io.adamant.support.NoWorkersApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /jobs/{id}/metrics} serves rows from a cache: every write a worker makes to
 * a job's rows (a new epoch, archiving before a resumed or restarted attempt) shows in
 * the next read, with the cache warm before each write. No workers run here; the test
 * writes the rows through the same facade the workers use.
 */
class MetricsReadsTest extends NoWorkersApiTest {

	private static final String SPEC = """
			{"name":"metrics-reads-%s","dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4}]},
			 "training":{"epochs":5}}""";

	@Autowired
	private JobMetrics metrics;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void everyChangeToTheRowsShowsInTheNextRead() {
		UUID job = submit();
		assertThat(epochs(job, false)).isEmpty();
		assertThat(epochs(job, true)).isEmpty();

		record(job, 1, 1);
		record(job, 1, 2);
		assertThat(epochs(job, false)).containsExactly("1/1", "2/1");
		assertThat(epochs(job, false)).as("read again from the cache").containsExactly("1/1", "2/1");
		record(job, 1, 3);
		assertThat(epochs(job, false)).containsExactly("1/1", "2/1", "3/1");
		assertThat(epochs(job, true)).containsExactly("1/1", "2/1", "3/1");

		this.metrics.archiveAfter(job, 1);
		assertThat(epochs(job, false)).containsExactly("1/1");
		assertThat(epochs(job, true)).containsExactly("1/1", "2/1 archived", "3/1 archived");

		record(job, 2, 2);
		assertThat(epochs(job, false)).containsExactly("1/1", "2/2");
		assertThat(epochs(job, true)).containsExactly("1/1", "2/1 archived", "2/2", "3/1 archived");

		this.metrics.archiveAll(job);
		assertThat(epochs(job, false)).isEmpty();
		assertThat(epochs(job, true)).containsExactly("1/1 archived", "2/1 archived", "2/2 archived", "3/1 archived");
	}

	@Test
	void rowsAreWrittenAsTheJobViewWritesThemAndTheStatusIsRead() {
		UUID job = submit();
		record(job, 1, 1);
		JsonNode read = read(job, false);
		assertThat(read.path("jobId").asString()).isEqualTo(job.toString());
		assertThat(read.path("status").asString()).isEqualTo("QUEUED");
		JsonNode latest = this.api.get("/api/v1/jobs/" + job).body().path("latestMetrics");
		assertThat(read.path("items").get(0)).isEqualTo(latest);
		assertThat(latest.path("trainLoss").asDouble()).isEqualTo(0.5 + 1);
		assertThat(latest.path("validationLoss").isNull()).isTrue();

		assertThat(this.api.post("/api/v1/jobs/" + job + "/cancel").status()).isEqualTo(200);
		assertThat(read(job, false).path("status").asString()).as("rows unchanged, status read anew")
			.isEqualTo("CANCELLED");
	}

	@Test
	void anotherOwnersJobIsNotFoundWhileItsRowsAreCached() {
		UUID job = submit();
		record(job, 1, 1);
		assertThat(epochs(job, false)).containsExactly("1/1");
		String stranger = this.api.createUserKey("metrics-reads-stranger-" + UUID.randomUUID());
		assertThat(this.api.withKey(stranger).get("/api/v1/jobs/" + job + "/metrics").status()).isEqualTo(404);
	}

	private UUID submit() {
		return UUID.fromString(this.api.submit(SPEC.formatted(UUID.randomUUID())).path("id").asString());
	}

	private void record(UUID job, int attempt, int epoch) {
		EpochResult result = new EpochResult(epoch, 0.5 + epoch, null, null, null, 0.01, 2.0 * epoch, 3.0 * epoch,
				2.0 * epoch, 3.0 * epoch, 0.0, 0, 0, 10.0 + epoch, -3.0, 4, 120, 15, 8000.0, List.of());
		this.transactions.executeWithoutResult(status -> this.metrics.record(job, attempt, result));
	}

	private JsonNode read(UUID job, boolean includeArchived) {
		var response = this.api.get("/api/v1/jobs/%s/metrics?includeArchived=%s".formatted(job, includeArchived));
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	/** The rows read, as "epoch/attempt", with " archived" where they are. */
	private List<String> epochs(UUID job, boolean includeArchived) {
		return read(job, includeArchived).path("items")
			.valueStream()
			.map(row -> row.path("epoch").asInt() + "/" + row.path("attempt").asInt()
					+ (row.path("archived").asBoolean() ? " archived" : ""))
			.toList();
	}

}
