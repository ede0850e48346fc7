package io.adamant.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache in front of {@code GET /jobs/{id}/metrics}: rows are read again exactly when
 * the job's revision moved, an entry never goes back to an older revision, and the size
 * bound holds. {@code MetricsReadsTest} covers it against the database.
 */
class EpochMetricsJsonCacheTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rows rows = new Rows();

	@Test
	void rowsAreReadAgainOnlyWhenTheRevisionMoved() {
		EpochMetricsJsonCache cache = cache("1MB");
		UUID job = this.rows.add(UUID.randomUUID(), 1);

		String first = cache.forJob(job, false).getValue();
		assertThat(cache.forJob(job, false).getValue()).isEqualTo(first);
		assertThat(this.rows.reads).isEqualTo(1);
		assertThat(first).isEqualTo(JSON.writeValueAsString(this.rows.of(job)));

		this.rows.add(job, 2);
		String second = cache.forJob(job, false).getValue();
		assertThat(this.rows.reads).isEqualTo(2);
		assertThat(second).isEqualTo(JSON.writeValueAsString(this.rows.of(job))).isNotEqualTo(first);

		cache.forJob(job, true);
		assertThat(this.rows.reads).as("archived rows included: another entry").isEqualTo(3);
	}

	@Test
	void anOlderRevisionNeverReplacesANewerEntry() {
		EpochMetricsJsonCache cache = cache("1MB");
		UUID job = this.rows.add(UUID.randomUUID(), 1);
		this.rows.add(job, 2);
		cache.forJob(job, false);
		// a request that read revision 1 before the second row committed finishes last
		this.rows.revisions.put(job, 1L);
		cache.forJob(job, false);
		this.rows.revisions.put(job, 2L);
		int reads = this.rows.reads;
		cache.forJob(job, false);
		assertThat(this.rows.reads).as("revision 2 still cached").isEqualTo(reads);
	}

	@Test
	void leastRecentlyReadJobsGoFirstAndNothingIsKeptWithoutRoom() {
		UUID a = this.rows.add(UUID.randomUUID(), 1);
		UUID b = this.rows.add(UUID.randomUUID(), 1);
		UUID c = this.rows.add(UUID.randomUUID(), 1);
		long entry = 2L * JSON.writeValueAsString(this.rows.of(a)).length();
		EpochMetricsJsonCache cache = cache(entry * 2 + "B");
		cache.forJob(a, false);
		cache.forJob(b, false);
		cache.forJob(a, false);
		cache.forJob(c, false); // room for two: b, read least recently, goes
		int reads = this.rows.reads;
		cache.forJob(a, false);
		cache.forJob(c, false);
		assertThat(this.rows.reads).isEqualTo(reads);
		cache.forJob(b, false);
		assertThat(this.rows.reads).isEqualTo(reads + 1);

		EpochMetricsJsonCache off = cache("0B");
		off.forJob(a, false);
		off.forJob(a, false);
		assertThat(this.rows.reads).isEqualTo(reads + 3);
	}

	private EpochMetricsJsonCache cache(String size) {
		return new EpochMetricsJsonCache(this.rows, JSON, new MetricsProperties(DataSize.parse(size)));
	}

	/** Rows in memory, with a revision per job that each added row raises. */
	private static final class Rows extends EpochMetricsReader {

		final Map<UUID, List<EpochMetricsView>> rows = new HashMap<>();

		final Map<UUID, Long> revisions = new HashMap<>();

		int reads;

		Rows() {
			super(null);
		}

		UUID add(UUID job, int epoch) {
			this.rows.computeIfAbsent(job, id -> new ArrayList<>())
				.add(new EpochMetricsView(epoch, 1, false, 1.0 / epoch, null, null, null, 0.01, 1.5, 2.5, 1.0, 1.0,
						0.25, 0, 0, 12.0, -3.1, 4, 120, 15, 8000.0, Instant.parse("2026-11-27T12:00:00Z")));
			this.revisions.merge(job, 1L, Long::sum);
			return job;
		}

		List<EpochMetricsView> of(UUID job) {
			return this.rows.get(job);
		}

		@Override
		long revision(UUID jobId) {
			return this.revisions.getOrDefault(jobId, 0L);
		}

		@Override
		List<EpochMetricsView> forJob(UUID jobId, boolean includeArchived) {
			this.reads++;
			return List.copyOf(this.rows.get(jobId));
		}

	}

}
