package io.adamant.job;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private final Jobs jobs;

	private final IdempotentRequests idempotentRequests;

	JobController(Jobs jobs, IdempotentRequests idempotentRequests) {
		this.jobs = jobs;
		this.idempotentRequests = idempotentRequests;
	}

	@PostMapping
	ResponseEntity<JobView> submit(Caller caller, @Valid @RequestBody JobSpec spec,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		IdempotentRequests.Outcome<JobView> outcome = this.idempotentRequests.execute(
				"POST /api/v1/jobs " + caller.owner(), idempotencyKey, spec, () -> this.jobs.submit(caller, spec),
				JobView::id, id -> this.jobs.get(caller, id));
		JobView job = outcome.result();
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(job.id())
			.toUri();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(location)
			.header(IdempotentRequests.REPLAYED_HEADER, String.valueOf(outcome.replayed()))
			.body(job);
	}

	@GetMapping
	PageView<JobView> list(Caller caller, @RequestParam(required = false) List<JobStatus> status,
			@RequestParam(required = false) String name, @RequestParam(required = false) Instant createdAfter,
			@RequestParam(required = false) Instant createdBefore, @RequestParam(required = false) List<String> sort,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.jobs.list(caller, new JobQuery(status, name, createdAfter, createdBefore, sort, page, size));
	}

	@GetMapping("/{id}")
	JobView get(Caller caller, @PathVariable UUID id) {
		return this.jobs.get(caller, id);
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<JobView> cancel(Caller caller, @PathVariable UUID id) {
		JobView job = this.jobs.cancel(caller, id);
		// a running job has only been asked to stop: the cancellation completes later
		HttpStatus status = job.status() == JobStatus.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.OK;
		return ResponseEntity.status(status).body(job);
	}

	@GetMapping("/{id}/metrics")
	JobMetricsView metrics(Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean includeArchived) {
		return this.jobs.metrics(caller, id, includeArchived);
	}

	@GetMapping("/{id}/metrics/layers")
	JobLayerMetricsView layerMetrics(Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean includeArchived) {
		return this.jobs.layerMetrics(caller, id, includeArchived);
	}

	@GetMapping("/{id}/events")
	JobEventsView events(Caller caller, @PathVariable UUID id) {
		return this.jobs.events(caller, id);
	}

}
