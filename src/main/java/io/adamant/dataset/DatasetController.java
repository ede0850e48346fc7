package io.adamant.dataset;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.adamant.api.PageView;
import io.adamant.api.SortParameter;
import io.adamant.security.Caller;

import org.springframework.data.domain.Sort;
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

	private static final Map<String, Comparator<DatasetInfo>> SORTABLE = Map.of("name",
			Comparator.comparing(DatasetInfo::name), "rows", Comparator.comparingInt(DatasetInfo::rows), "features",
			Comparator.comparingInt(DatasetInfo::features));

	private static Comparator<DatasetInfo> comparator(Sort order) {
		Comparator<DatasetInfo> comparator = (a, b) -> 0;
		for (Sort.Order by : order) {
			Comparator<DatasetInfo> property = SORTABLE.get(by.getProperty());
			comparator = comparator.thenComparing(by.isAscending() ? property : property.reversed());
		}
		return comparator;
	}

	/** Datasets, built-in and uploaded together; by name unless sorted otherwise. */
	@GetMapping
	PageView<DatasetInfo> list(Caller caller, @RequestParam(required = false) String name,
			@RequestParam(required = false) DatasetTask task, @RequestParam(required = false) InputKind input,
			@RequestParam(required = false) List<String> sort, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		String part = name == null ? "" : name.toLowerCase(Locale.ROOT);
		Sort order = SortParameter.parse(sort, SORTABLE.keySet(), Sort.unsorted(), Sort.Order.asc("name"));
		List<DatasetInfo> matching = this.datasets.list(caller)
			.stream()
			.filter(dataset -> dataset.name().contains(part))
			.filter(dataset -> task == null || dataset.task() == task)
			.filter(dataset -> input == null || dataset.input() == input)
			.sorted(comparator(order))
			.toList();
		return PageView.of(matching, page, size);
	}

	@GetMapping("/{name}")
	DatasetView show(Caller caller, @PathVariable String name) {
		return this.uploads.view(caller, name).orElseThrow(() -> DatasetNotFoundException.forName(name));
	}

	/**
	 * A CSV file, or a zip of images in class folders (ImageFolder layout). Every part is
	 * optional here so that the service, not data binding, reports what is missing or
	 * wrong, all at once and in its own words.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DatasetView> upload(Caller caller, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String name, @RequestParam(required = false) String labelColumn,
			@RequestParam(required = false) String task, @RequestParam(required = false) String imageShape,
			@RequestParam(required = false) String sequenceLength, @RequestParam(required = false) String imageSize,
			@RequestParam(required = false) String width, @RequestParam(required = false) String height,
			@RequestParam(required = false) String channels) {
		DatasetView dataset = this.uploads.upload(caller,
				new UploadForm(name, labelColumn, task, imageShape, sequenceLength, imageSize, width, height, channels),
				file);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{name}")
			.buildAndExpand(dataset.name())
			.toUri();
		return ResponseEntity.status(HttpStatus.CREATED).location(location).body(dataset);
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String name) {
		this.uploads.delete(caller, name);
		return ResponseEntity.noContent().build();
	}

}
