package io.adamant.events;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.PositiveOrZero;

import io.adamant.job.Jobs;
import io.adamant.security.Caller;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A job's events live, as server-sent events: the same path as the job's JSON event list,
 * chosen by {@code Accept: text/event-stream}.
 */
@RestController
class JobEventStreamController {

	private final Jobs jobs;

	private final JobEventStreams streams;

	JobEventStreamController(Jobs jobs, JobEventStreams streams) {
		this.jobs = jobs;
		this.streams = streams;
	}

	/**
	 * Streams the job's timeline after {@code Last-Event-ID} (from its submission without
	 * one) and ends after the job's final status.
	 */
	@ApiResponse(responseCode = "503", description = "Too many open streams, or the instance is shutting down")
	@GetMapping(path = "/api/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ApiResponse(responseCode = "200", description = "The job's events as they happen",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string", description = """
							Server-sent events: `status` (StatusChangeView), `epoch` (an item of /metrics), \
							`rollback`, `diverged`, `step-skipped`, `early-stopped` (an item of the JSON /events); \
							`id` is the position to resume after with Last-Event-ID""")))
	ResponseEntity<SseEmitter> stream(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = "Last-Event-ID", required = false) @PositiveOrZero Long lastEventId) {
		this.jobs.requireExists(caller, id);
		SseEmitter emitter = this.streams.open(id, lastEventId == null ? 0 : lastEventId);
		// a buffering proxy (nginx) would hold events back until its buffer fills
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("X-Accel-Buffering", "no").body(emitter);
	}

}
