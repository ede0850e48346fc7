package io.adamant.checkpoint;

import java.util.List;
import java.util.UUID;

import io.adamant.job.Jobs;
import io.adamant.security.Caller;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/jobs/{jobId}/checkpoints")
class CheckpointController {

	private final Checkpoints checkpoints;

	private final Jobs jobs;

	CheckpointController(Checkpoints checkpoints, Jobs jobs) {
		this.checkpoints = checkpoints;
		this.jobs = jobs;
	}

	@GetMapping
	List<CheckpointView> list(Caller caller, @PathVariable UUID jobId) {
		this.jobs.requireExists(caller, jobId);
		return this.checkpoints.list(jobId);
	}

	@GetMapping(value = "/{checkpointId}", produces = { "application/zip", MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	ResponseEntity<StreamingResponseBody> download(Caller caller, @PathVariable UUID jobId,
			@PathVariable UUID checkpointId) {
		this.jobs.requireExists(caller, jobId);
		CheckpointView checkpoint = this.checkpoints.find(jobId, checkpointId)
			.orElseThrow(() -> CheckpointNotFoundException.forIds(jobId, checkpointId));
		String filename = "job-%s-epoch-%d-%s.zip".formatted(jobId, checkpoint.epoch(),
				checkpoint.kind().name().toLowerCase(java.util.Locale.ROOT));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.contentLength(checkpoint.sizeBytes())
			.eTag('"' + checkpoint.sha256() + '"')
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(out -> this.checkpoints.copyContent(jobId, checkpointId, out));
	}

}
