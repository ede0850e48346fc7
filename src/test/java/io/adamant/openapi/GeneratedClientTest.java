package io.adamant.openapi;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.adamant.client.ApiClient;
import io.adamant.support.Api;
import io.adamant.client.ApiException;
import io.adamant.client.ApiResponse;
import io.adamant.client.api.CheckpointsApi;
import io.adamant.client.api.JobsApi;
import io.adamant.client.model.CheckpointView;
import io.adamant.client.model.ClippingSpec;
import io.adamant.client.model.DatasetSpec;
import io.adamant.client.model.DenseLayer;
import io.adamant.client.model.EpochMetricsView;
import io.adamant.client.model.GlobalNormClipping;
import io.adamant.client.model.JobMetricsView;
import io.adamant.client.model.JobSpec;
import io.adamant.client.model.JobView;
import io.adamant.client.model.MlpModel;
import io.adamant.client.model.ModelSpec;
import io.adamant.client.model.OptimizerSpec;
import io.adamant.client.model.ProblemDetail;
import io.adamant.client.model.SgdOptimizer;
import io.adamant.client.model.TrainingSpec;
import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client that the build generates from the stored OpenAPI document
 * ({@code src/main/resources/static/openapi.json}, by openapi-generator's {@code java}
 * generator with the {@code native} library, into
 * {@code target/generated-test-sources/openapi}) drives a whole job through the running
 * service, with nothing but its own types: the document describes the API well enough to
 * use it, polymorphic parts and problems included.
 */
class GeneratedClientTest extends HttpApiTest {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final Set<JobView.StatusEnum> ENDED = EnumSet.of(JobView.StatusEnum.SUCCEEDED,
			JobView.StatusEnum.FAILED, JobView.StatusEnum.CANCELLED, JobView.StatusEnum.DIVERGED);

	@LocalServerPort
	private int port;

	private JobsApi jobs;

	private CheckpointsApi checkpoints;

	@BeforeEach
	void connectClient() {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		// the document names the bearer scheme; the native client leaves sending it to us
		client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Api.ADMIN_KEY));
		this.jobs = new JobsApi(client);
		this.checkpoints = new CheckpointsApi(client);
	}

	@Test
	void trainsTheExplodingMlpWithClippingReadsItsMetricsAndDownloadsItsCheckpoint() throws Exception {
		// the seed's MLP with plain SGD at learning rate 10, held by global-norm clipping
		JobSpec spec = new JobSpec().name("generated-client")
			.dataset(new DatasetSpec().name("synthetic-regression"))
			.model(new ModelSpec(new MlpModel()
				.hiddenLayers(List.of(new DenseLayer().units(50).activation(DenseLayer.ActivationEnum.RELU)))))
			.optimizer(new OptimizerSpec(new SgdOptimizer().learningRate(10.0)))
			.clipping(new ClippingSpec(new GlobalNormClipping().threshold(0.02)))
			.training(new TrainingSpec().epochs(10).batchSize(64).seed(1L));

		// a retry with the same Idempotency-Key would return this job, not queue a second
		// one
		JobView submitted = this.jobs.submitJob(spec, java.util.UUID.randomUUID().toString());

		assertThat(submitted.getStatus()).isIn(JobView.StatusEnum.QUEUED, JobView.StatusEnum.RUNNING);
		// the normalised spec comes back as the same subtypes, defaults written out
		SgdOptimizer optimizer = submitted.getSpec().getOptimizer().getSgdOptimizer();
		assertThat(optimizer.getType()).isEqualTo(SgdOptimizer.TypeEnum.SGD);
		assertThat(optimizer.getLearningRate()).isEqualTo(10.0);
		assertThat(submitted.getSpec().getClipping().getGlobalNormClipping().getThreshold()).isEqualTo(0.02);
		assertThat(submitted.getSpec().getModel().getMlpModel().getHiddenLayers()).singleElement()
			.satisfies(layer -> assertThat(layer.getUnits()).isEqualTo(50));

		JobView job = awaitEnd(submitted.getId());

		assertThat(job.getStatus()).as(job.toString()).isEqualTo(JobView.StatusEnum.SUCCEEDED);
		assertThat(job.getProgress().getEpochsCompleted()).isEqualTo(10);

		JobMetricsView metrics = this.jobs.getJobMetrics(job.getId(), false);
		assertThat(metrics.getItems()).extracting(EpochMetricsView::getEpoch)
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		for (EpochMetricsView epoch : metrics.getItems()) {
			assertThat(epoch.getClippedFraction()).isEqualTo(1.0);
			assertThat(epoch.getClippedGradientNormMax()).isLessThanOrEqualTo(0.02 + 1e-6);
			assertThat(epoch.getGradientNormMax()).isGreaterThan(0.02);
		}
		assertThat(metrics.getItems().get(9).getTrainLoss()).isLessThan(0.05);

		List<CheckpointView> stored = this.checkpoints.listCheckpoints(job.getId(), null, null, 0, 200).getItems();
		CheckpointView last = stored.stream()
			.filter(checkpoint -> checkpoint.getKind() == CheckpointView.KindEnum.FINAL)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No FINAL checkpoint in " + stored));
		assertThat(last.getEpoch()).isEqualTo(10);

		ApiResponse<java.io.File> download = this.checkpoints.downloadCheckpointWithHttpInfo(job.getId(), last.getId());

		byte[] zip = Files.readAllBytes(download.getData().toPath());
		assertThat(zip).hasSize(last.getSizeBytes().intValue());
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
		assertThat(sha256).isEqualTo(last.getSha256());
		assertThat(download.getHeaders().get("etag")).containsExactly('"' + sha256 + '"');
		assertThat(zip).startsWith('P', 'K');
	}

	@Test
	void readsProblemsAsTheDocumentDescribesThem() {
		UUID unknown = UUID.randomUUID();

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.jobs.getJob(unknown)).satisfies(refused -> {
			assertThat(refused.getCode()).isEqualTo(404);
			assertThat(refused.getResponseHeaders().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith(ProblemResponses.PROBLEM_JSON));
			ProblemDetail problem = problem(refused);
			assertThat(problem.getType()).hasToString("urn:adamant:problem:not-found");
			assertThat(problem.getStatus()).isEqualTo(404);
			assertThat(problem.getDetail()).contains(unknown.toString());
		});

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.jobs.submitJob(new JobSpec().dataset(new DatasetSpec().name("iris"))
				.optimizer(new OptimizerSpec(new SgdOptimizer().learningRate(-1.0)))
				.training(new TrainingSpec().epochs(0)), null))
			.satisfies(invalid -> {
				assertThat(invalid.getCode()).isEqualTo(400);
				ProblemDetail body = problem(invalid);
				assertThat(body.getType()).hasToString("urn:adamant:problem:invalid-request");
				assertThat(body.getErrors()).extracting(error -> error.getField())
					.contains("optimizer.learningRate", "training.epochs");
			});
	}

	/** The problem in a refusal's body, read as the document describes it. */
	private static ProblemDetail problem(ApiException refusal) throws Exception {
		return new ObjectMapper().readValue(refusal.getResponseBody(), ProblemDetail.class);
	}

	private JobView awaitEnd(UUID id) throws ApiException, InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		JobView job = this.jobs.getJob(id);
		while (!ENDED.contains(job.getStatus())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Job " + id + " did not end in " + TIMEOUT + ": " + job);
			}
			Thread.sleep(100);
			job = this.jobs.getJob(id);
		}
		return job;
	}

}
