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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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

/**
 * Datasets to train on: the built-in ones and CSV uploads.
 */
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

	/**
	 * Lists the datasets, built-in and uploaded together, by name unless sorted
	 * otherwise.
	 * @return the datasets with their task, input shape and size
	 */
	@Operation(operationId = "listDatasets")
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
			.sorted(SortParameter.comparator(order, SORTABLE))
			.toList();
		return PageView.of(matching, page, size);
	}

	/**
	 * Reads an uploaded dataset: its columns, rows, label summary and statistics.
	 * @return the dataset
	 */
	@Operation(operationId = "getDataset")
	@GetMapping("/{name}")
	DatasetView show(Caller caller, @PathVariable String name) {
		return this.uploads.view(caller, name).orElseThrow(() -> DatasetNotFoundException.forName(name));
	}

	/**
	 * Uploads a dataset: a CSV file (UTF-8, a header row naming the columns, then one row
	 * per sample), or a zip of images in class folders (ImageFolder layout, optionally
	 * under {@code train/} and {@code val/}).
	 * <p>
	 * (Every part is optional in the signature so that the service, not data binding,
	 * reports what is missing or wrong, all at once and in its own words.)
	 * @param file the CSV or the zip (required)
	 * @param name the dataset's name (required): {@code [a-z0-9][a-z0-9-]{0,62}}, not a
	 * built-in's nor an existing upload's
	 * @param labelColumn CSV: the header name of the label column (required); every other
	 * column is a feature, in file order
	 * @param task {@code classification} (labels are class names) or {@code regression}
	 * (labels are numbers); required for a CSV, a zip is classification
	 * @param imageShape CSV: {@code channels,height,width}, e.g. {@code 1,8,8}: the
	 * features are images; the product must equal the feature count
	 * @param sequenceLength CSV: steps per row: the features are sequences, feature by
	 * feature, then step by step
	 * @param imageSize zip: the size every image is resized to, {@code WIDTHxHEIGHT},
	 * e.g. {@code 32x32} (or give width and height)
	 * @param width zip: the width images are resized to
	 * @param height zip: the height images are resized to
	 * @param channels zip: 1 (grey) or 3 (RGB); by default 3 if any image has colour
	 */
	@Operation(operationId = "uploadDataset")
	@ApiResponse(responseCode = "201", description = "Stored: the dataset with its statistics",
			headers = @Header(name = "Location", description = "The dataset's URL"))
	@ApiResponse(responseCode = "409", description = "The name is taken by a built-in dataset or an upload")
	@ApiResponse(responseCode = "413", description = "The file is over the upload limit")
	@ApiResponse(responseCode = "429", description = "The key's storage quota is used up")
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

	/** Deletes an uploaded dataset that no job refers to. */
	@Operation(operationId = "deleteDataset")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "409", description = "The dataset is built in, or jobs refer to it")
	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String name) {
		this.uploads.delete(caller, name);
		return ResponseEntity.noContent().build();
	}

}
