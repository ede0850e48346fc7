package io.adamant.sweep;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.adamant.api.PageView;
import io.adamant.idempotency.IdempotentRequests;
import io.adamant.job.JobStatus;
import io.adamant.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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

@RestController
@RequestMapping("/api/v1/sweeps")
class SweepController {

	private final Sweeps sweeps;

	private final IdempotentRequests idempotentRequests;

	SweepController(Sweeps sweeps, IdempotentRequests idempotentRequests) {
		this.sweeps = sweeps;
		this.idempotentRequests = idempotentRequests;
	}

	/**
	 * Creates a sweep: one job per combination of the axes' values, queued together.
	 * @return the sweep with its jobs
	 */
	@Operation(operationId = "createSweep")
	@ApiResponse(responseCode = "202", description = "Queued: the sweep with its jobs",
			headers = @Header(name = "Location", description = "The sweep's URL"))
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was first used with another body")
	@ApiResponse(responseCode = "429", description = "The key's active-jobs or storage quota is used up")
	@PostMapping
	ResponseEntity<SweepView> create(Caller caller, @Valid @RequestBody SweepRequest request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		IdempotentRequests.Outcome<SweepView> outcome = this.idempotentRequests.execute(
				"POST /api/v1/sweeps " + caller.owner(), idempotencyKey, request,
				() -> this.sweeps.create(caller, request), SweepView::id, id -> this.sweeps.get(caller, id));
		return outcome.accepted();
	}

	/**
	 * Lists sweeps, newest first unless sorted otherwise.
	 * @return one page of sweeps with their status and job counts
	 */
	@Operation(operationId = "listSweeps")
	@GetMapping
	PageView<SweepSummary> list(Caller caller, @RequestParam(required = false) List<SweepStatus> status,
			@RequestParam(required = false) String name, @RequestParam(required = false) Instant createdAfter,
			@RequestParam(required = false) Instant createdBefore, @RequestParam(required = false) List<String> sort,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.sweeps.list(caller, new SweepQuery(status, name, createdAfter, createdBefore, sort, page, size));
	}

	/**
	 * Shows a sweep: its status, job counts and comparison table.
	 * @return the sweep
	 */
	@Operation(operationId = "getSweep")
	@GetMapping("/{id}")
	SweepView get(Caller caller, @PathVariable UUID id) {
		return this.sweeps.get(caller, id);
	}

	/**
	 * One metric of every job of a sweep, aligned epoch by epoch, for plotting.
	 * @return one series per job
	 */
	@Operation(operationId = "getSweepCurves")
	@GetMapping("/{id}/curves")
	SweepCurves curves(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "trainLoss") String metric) {
		return this.sweeps.curves(caller, id, metric);
	}

	/**
	 * Cancels every unfinished job of a sweep.
	 * @return the sweep
	 */
	@Operation(operationId = "cancelSweep")
	@ApiResponse(responseCode = "200", description = "Cancelled: no job was running")
	@ApiResponse(responseCode = "202", description = "Asked to stop: running jobs stop shortly")
	@ApiResponse(responseCode = "409", description = "The sweep has already ended")
	@PostMapping("/{id}/cancel")
	ResponseEntity<SweepView> cancel(Caller caller, @PathVariable UUID id) {
		SweepView sweep = this.sweeps.cancel(caller, id);
		// running jobs have only been asked to stop: the cancellation completes later
		boolean pending = sweep.counts().getOrDefault(JobStatus.RUNNING, 0L) > 0;
		return ResponseEntity.status(pending ? HttpStatus.ACCEPTED : HttpStatus.OK).body(sweep);
	}

}
