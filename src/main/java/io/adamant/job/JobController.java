package io.adamant.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.adamant.api.PageView;
import io.adamant.idempotency.IdempotentRequests;
import io.adamant.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Training jobs: submit a spec, follow the job to its end, read its metrics and events,
 * cancel it.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private final Jobs jobs;

	private final IdempotentRequests idempotentRequests;

	JobController(Jobs jobs, IdempotentRequests idempotentRequests) {
		this.jobs = jobs;
		this.idempotentRequests = idempotentRequests;
	}

	/**
	 * Submits a training job. The spec is checked as a whole (every bad field is named at
	 * once), its defaults are written out, and the job is queued; a worker of any service
	 * instance picks it up by priority, then in order of submission.
	 * @param spec what to train
	 */
	@Operation(operationId = "submitJob")
	@ApiResponse(responseCode = "202", description = "Queued: the job with its normalised spec",
			headers = @Header(name = "Location", description = "The job's URL"))
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was first used with another body")
	@ApiResponse(responseCode = "429", description = "The key's active-jobs or storage quota is used up")
	@PostMapping
	ResponseEntity<JobView> submit(Caller caller, @Valid @RequestBody JobSpec spec,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		IdempotentRequests.Outcome<JobView> outcome = this.idempotentRequests.execute(
				"POST /api/v1/jobs " + caller.owner(), idempotencyKey, spec, () -> this.jobs.submit(caller, spec),
				JobView::id, id -> this.jobs.get(caller, id));
		return outcome.accepted();
	}

	/**
	 * Lists jobs, newest first.
	 * @param status only jobs with this status
	 * @param page zero-based page number
	 * @param size jobs per page, 1 to 100
	 * @return a page of jobs with the totals
	 */
	@Operation(operationId = "listJobs")
	@GetMapping
	PageView<JobView> list(Caller caller, @RequestParam(required = false) List<JobStatus> status,
			@RequestParam(required = false) String name, @RequestParam(required = false) Instant createdAfter,
			@RequestParam(required = false) Instant createdBefore, @RequestParam(required = false) List<String> sort,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.jobs.list(caller, new JobQuery(status, name, createdAfter, createdBefore, sort, page, size));
	}

	/**
	 * Reads a job: its status, progress, normalised spec and latest metrics.
	 * @return the job
	 */
	@Operation(operationId = "getJob")
	@GetMapping("/{id}")
	JobView get(Caller caller, @PathVariable UUID id) {
		return this.jobs.get(caller, id);
	}

	/**
	 * Cancels a job. A queued job is cancelled at once; a running one is asked to stop
	 * and ends {@code CANCELLED} after its current iteration.
	 */
	@Operation(operationId = "cancelJob")
	@ApiResponse(responseCode = "200", description = "Cancelled: the job had not started")
	@ApiResponse(responseCode = "202", description = "Asked to stop: the job is running and stops shortly")
	@ApiResponse(responseCode = "409", description = "The job has already ended")
	@PostMapping("/{id}/cancel")
	ResponseEntity<JobView> cancel(Caller caller, @PathVariable UUID id) {
		JobView job = this.jobs.cancel(caller, id);
		// a running job has only been asked to stop: the cancellation completes later
		HttpStatus status = job.status() == JobStatus.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.OK;
		return ResponseEntity.status(status).body(job);
	}

	/**
	 * Reads a job's metrics, one row per finished epoch: losses, accuracy or RMSE,
	 * learning rate and gradient telemetry.
	 * @param includeArchived also the rows of earlier attempts that a takeover replaced
	 * @return the job's status and its epochs' metrics, in order
	 */
	@Operation(operationId = "getJobMetrics")
	@GetMapping("/{id}/metrics")
	JobMetricsView metrics(Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean includeArchived) {
		return this.jobs.metrics(caller, id, includeArchived);
	}

	/**
	 * Reads a job's per-layer telemetry, per finished epoch: gradient norms, parameter
	 * norms and update ratios of each layer.
	 * @param includeArchived also the rows of earlier attempts that a takeover replaced
	 * @return the job's status and its epochs' layer metrics, in order
	 */
	@Operation(operationId = "getJobLayerMetrics")
	@GetMapping("/{id}/metrics/layers")
	JobLayerMetricsView layerMetrics(Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean includeArchived) {
		return this.jobs.layerMetrics(caller, id, includeArchived);
	}

	/**
	 * Lists what the divergence policy did during a job: skipped steps, rollbacks,
	 * divergence and early stopping.
	 * @return the job's status and its events, in order
	 */
	@Operation(operationId = "getJobEvents")
	@GetMapping("/{id}/events")
	JobEventsView events(Caller caller, @PathVariable UUID id) {
		return this.jobs.events(caller, id);
	}

}
