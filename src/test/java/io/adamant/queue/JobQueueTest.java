package io.adamant.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.adamant.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue on its own: this context runs no workers, so the test is the only claimer and
 * jobs stay where the test puts them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "adamant.worker.enabled=false", "adamant.queue.reaper-interval=1h" })
class JobQueueTest {

	private static final String SPEC = """
			{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[{"units":4}]},"training":{"epochs":2}}""";

	@LocalServerPort
	int port;

	@Autowired
	JobQueue queue;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	Api api;

	@BeforeEach
	void connect() {
		this.api = new Api(this.port);
	}

	@AfterEach
	void emptyQueue() {
		this.jdbc.sql("DELETE FROM jobs").update();
	}

	@Test
	void concurrentClaimersNeverGetTheSameJob() throws Exception {
		int jobs = 60;
		for (int i = 0; i < jobs; i++) {
			this.api.submit(SPEC);
		}
		int claimers = 8;
		ExecutorService pool = Executors.newFixedThreadPool(claimers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<UUID>>> results = new ArrayList<>();
		for (int c = 0; c < claimers; c++) {
			String worker = "claimer-" + c;
			Callable<List<UUID>> claimAll = () -> {
				start.await();
				List<UUID> claimed = new ArrayList<>();
				for (Optional<ClaimedJob> job = this.queue.claim(worker); job
					.isPresent(); job = this.queue.claim(worker)) {
					claimed.add(job.get().id());
				}
				return claimed;
			};
			results.add(pool.submit(claimAll));
		}
		start.countDown();
		List<UUID> all = new ArrayList<>();
		for (Future<List<UUID>> result : results) {
			all.addAll(result.get());
		}
		pool.shutdown();

		assertThat(all).hasSize(jobs).doesNotHaveDuplicates();
		assertThat(this.jdbc.sql("SELECT count(*) FROM jobs WHERE status = 'RUNNING' AND attempt = 1")
			.query(Integer.class)
			.single()).isEqualTo(jobs);
	}

	@Test
	void claimsHighestPriorityFirstThenOldest() {
		UUID first = submit();
		UUID second = submit();
		UUID urgent = UUID.fromString(this.api.submit("""
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1},
				 "priority":5}""").path("id").asString());
		UUID low = UUID.fromString(this.api.submit("""
				{"dataset":{"name":"iris"},"model":{"type":"mlp","hiddenLayers":[]},"training":{"epochs":1},
				 "priority":-1}""").path("id").asString());

		List<UUID> order = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			order.add(this.queue.claim("w").orElseThrow().id());
		}

		assertThat(order).containsExactly(urgent, first, second, low);
		assertThat(this.queue.claim("w")).isEmpty();
	}

	@Test
	void aWorkerThatLostItsLeaseCanNoLongerWrite() {
		UUID id = submit();
		ClaimedJob stale = this.queue.claim("slow-worker").orElseThrow();
		assertThat(this.queue.heartbeat(stale)).isEqualTo(LeaseState.HELD);
		expireLease(id);

		assertThat(this.queue.reapExpiredLeases(Duration.ofSeconds(30), 3)).isEqualTo(1);
		assertThat(status(id)).isEqualTo("QUEUED");
		ClaimedJob fresh = this.queue.claim("other-worker").orElseThrow();

		assertThat(fresh.attempt()).isEqualTo(2);
		assertThat(fresh.leaseVersion()).isGreaterThan(stale.leaseVersion());
		assertThat(this.queue.heartbeat(stale)).isEqualTo(LeaseState.LOST);
		Boolean written = this.transactions.execute(tx -> this.queue.recordProgress(stale, 1));
		assertThat(written).isFalse();
		assertThat(this.queue.finish(stale, JobOutcome.SUCCEEDED, null)).isFalse();
		assertThat(status(id)).isEqualTo("RUNNING");
		assertThat(this.queue.finish(fresh, JobOutcome.SUCCEEDED, null)).isTrue();
		assertThat(status(id)).isEqualTo("SUCCEEDED");
	}

	@Test
	void theReaperFailsAJobThatUsedUpItsAttempts() {
		UUID id = submit();
		for (int attempt = 1; attempt <= 2; attempt++) {
			this.queue.claim("doomed-worker").orElseThrow();
			expireLease(id);
			this.queue.reapExpiredLeases(Duration.ofSeconds(30), 2);
		}

		JsonNode job = this.api.get("/api/v1/jobs/" + id).body();
		assertThat(job.path("status").asString()).isEqualTo("FAILED");
		assertThat(job.path("failureReason").asString()).contains("doomed-worker").contains("2 attempt(s)");
		assertThat(job.path("finishedAt").isNull()).isFalse();
	}

	@Test
	void aReleasedJobGoesBackToTheQueue() {
		UUID id = submit();
		ClaimedJob job = this.queue.claim("w").orElseThrow();

		assertThat(this.queue.release(job)).isTrue();

		assertThat(status(id)).isEqualTo("QUEUED");
		assertThat(this.queue.claim("w").orElseThrow().id()).isEqualTo(id);
	}

	@Test
	void heartbeatReportsACancelRequest() {
		UUID id = submit();
		ClaimedJob job = this.queue.claim("w").orElseThrow();

		Api.Response cancel = this.api.post("/api/v1/jobs/" + id + "/cancel");

		assertThat(cancel.status()).isEqualTo(202);
		assertThat(cancel.body().path("status").asString()).isEqualTo("RUNNING");
		assertThat(this.queue.heartbeat(job)).isEqualTo(LeaseState.CANCEL_REQUESTED);
	}

	@Test
	void cancellingAQueuedJobEndsItAtOnceAndNoWorkerGetsIt() {
		UUID id = submit();

		Api.Response cancel = this.api.post("/api/v1/jobs/" + id + "/cancel");

		assertThat(cancel.status()).isEqualTo(200);
		assertThat(cancel.body().path("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancel.body().path("finishedAt").isNull()).isFalse();
		assertThat(this.queue.claim("w")).isEmpty();
		assertThat(this.api.get("/api/v1/jobs/" + id + "/metrics").body().path("items").size()).isZero();
	}

	@Test
	void notifiesListenersWhenAJobIsQueuedAndWhenACancelIsAsked() throws Exception {
		Set<Object> seen = Collections.synchronizedSet(new HashSet<>());
		RecordingListener.sink = seen::add;
		try {
			UUID id = submit();
			this.queue.claim("w").orElseThrow();
			this.api.post("/api/v1/jobs/" + id + "/cancel");

			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (seen.size() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(seen).contains(new QueueEvents.JobQueued(id), new QueueEvents.CancelRequested(id));
		}
		finally {
			RecordingListener.sink = event -> {
			};
		}
	}

	private UUID submit() {
		return UUID.fromString(this.api.submit(SPEC).path("id").asString());
	}

	private void expireLease(UUID id) {
		this.jdbc.sql("UPDATE jobs SET heartbeat_at = now() - interval '10 minutes' WHERE id = :id")
			.param("id", id)
			.update();
	}

	private String status(UUID id) {
		return this.jdbc.sql("SELECT status FROM jobs WHERE id = :id").param("id", id).query(String.class).single();
	}

	@org.springframework.boot.test.context.TestConfiguration
	static class RecordingListener {

		static volatile java.util.function.Consumer<Object> sink = event -> {
		};

		@org.springframework.context.event.EventListener
		void on(QueueEvents.JobQueued event) {
			sink.accept(event);
		}

		@org.springframework.context.event.EventListener
		void on(QueueEvents.CancelRequested event) {
			sink.accept(event);
		}

	}

}
