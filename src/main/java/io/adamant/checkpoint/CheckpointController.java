package io.adamant.checkpoint;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.adamant.api.PageView;
import io.adamant.api.SortParameter;
import io.adamant.job.Jobs;
import io.adamant.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.data.domain.Sort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A job's checkpoints: the trained network (with its normaliser and optimizer state)
 * after an epoch, as a DL4J model zip.
 */
@RestController
@RequestMapping("/api/v1/jobs/{jobId}/checkpoints")
class CheckpointController {

	private final Checkpoints checkpoints;

	private final Jobs jobs;

	CheckpointController(Checkpoints checkpoints, Jobs jobs) {
		this.checkpoints = checkpoints;
		this.jobs = jobs;
	}

	/**
	 * Lists a job's checkpoints by epoch: periodic, best, final, last-good and shutdown
	 * ones, with their sizes, SHA-256 and scores.
	 * @return the checkpoints
	 */
	@Operation(operationId = "listCheckpoints")
	@GetMapping
	PageView<CheckpointView> list(Caller caller, @PathVariable UUID jobId,
			@RequestParam(required = false) List<CheckpointKind> kind,
			@RequestParam(required = false) List<String> sort, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		this.jobs.requireExists(caller, jobId);
		Sort order = SortParameter.parse(sort, SORTABLE.keySet(), Sort.by(Sort.Order.asc("epoch")),
				Sort.Order.asc("createdAt"));
		List<CheckpointView> matching = this.checkpoints.list(jobId)
			.stream()
			.filter(checkpoint -> kind == null || kind.isEmpty() || kind.contains(checkpoint.kind()))
			.sorted(SortParameter.comparator(order, SORTABLE))
			.toList();
		return PageView.of(matching, page, size);
	}

	private static final Map<String, Comparator<CheckpointView>> SORTABLE = Map.of("epoch",
			Comparator.comparingInt(CheckpointView::epoch), "createdAt",
			Comparator.comparing(CheckpointView::createdAt), "sizeBytes",
			Comparator.comparingLong(CheckpointView::sizeBytes));

	/**
	 * Downloads a checkpoint: a DL4J {@code ModelSerializer} zip, loadable with
	 * {@code ModelSerializer.restoreMultiLayerNetworkAndNormalizer}.
	 */
	@Operation(operationId = "downloadCheckpoint")
	@ApiResponse(responseCode = "200", description = "The checkpoint's zip",
			headers = { @Header(name = "ETag", description = "The zip's SHA-256, hex, quoted"),
					@Header(name = "Content-Disposition",
							description = "attachment; filename=job-{jobId}-epoch-{epoch}-{kind}.zip") })
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
