package io.adamant.dataset;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {

	private final Datasets datasets;

	private final DatasetUploads uploads;

	DatasetController(Datasets datasets, DatasetUploads uploads) {
		this.datasets = datasets;
		this.uploads = uploads;
	}

	@GetMapping
	List<DatasetInfo> list() {
		return this.datasets.list();
	}

	@GetMapping("/{name}")
	DatasetView show(@PathVariable String name) {
		return this.uploads.view(name).orElseThrow(() -> DatasetNotFoundException.forName(name));
	}

	/**
	 * Every part is optional here so that the service, not data binding, reports what is
	 * missing or wrong, all at once and in its own words.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DatasetView> upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String name, @RequestParam(required = false) String labelColumn,
			@RequestParam(required = false) String task, @RequestParam(required = false) String imageShape,
			@RequestParam(required = false) String sequenceLength) {
		DatasetView dataset = this.uploads.upload(new UploadForm(name, labelColumn, task, imageShape, sequenceLength),
				file);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{name}")
			.buildAndExpand(dataset.name())
			.toUri();
		return ResponseEntity.status(HttpStatus.CREATED).location(location).body(dataset);
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		this.uploads.delete(name);
		return ResponseEntity.noContent().build();
	}

}
