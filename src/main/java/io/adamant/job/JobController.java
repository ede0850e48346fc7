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
	ResponseEntity<JobView> submit(@Valid @RequestBody JobSpec spec,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		IdempotentRequests.Outcome<JobView> outcome = this.idempotentRequests.execute("POST /api/v1/jobs",
				idempotencyKey, spec, () -> this.jobs.submit(spec), JobView::id, this.jobs::get);
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
	PageView<JobView> list(@RequestParam(required = false) List<JobStatus> status,
			@RequestParam(required = false) String name, @RequestParam(required = false) Instant createdAfter,
			@RequestParam(required = false) Instant createdBefore, @RequestParam(required = false) List<String> sort,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.jobs.list(new JobQuery(status, name, createdAfter, createdBefore, sort, page, size));
	}

	@GetMapping("/{id}")
	JobView get(@PathVariable UUID id) {
		return this.jobs.get(id);
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<JobView> cancel(@PathVariable UUID id) {
		JobView job = this.jobs.cancel(id);
		// a running job has only been asked to stop: the cancellation completes later
		HttpStatus status = job.status() == JobStatus.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.OK;
		return ResponseEntity.status(status).body(job);
	}

	@GetMapping("/{id}/metrics")
	JobMetricsView metrics(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean includeArchived) {
		return this.jobs.metrics(id, includeArchived);
	}

	@GetMapping("/{id}/metrics/layers")
	JobLayerMetricsView layerMetrics(@PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean includeArchived) {
		return this.jobs.layerMetrics(id, includeArchived);
	}

	@GetMapping("/{id}/events")
	JobEventsView events(@PathVariable UUID id) {
		return this.jobs.events(id);
	}

}
