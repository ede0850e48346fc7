package io.adamant.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;
import io.adamant.api.PayloadTooLargeException;
import io.adamant.security.Caller;
import io.adamant.security.StorageQuota;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Creating and deleting uploaded datasets, CSV files and zips of images. A file is read
 * and checked in full before anything is stored, outside any transaction; the row is then
 * inserted in one statement, so a failed upload leaves nothing behind.
 */
@Service
class DatasetUploads {

	private final Datasets datasets;

	private final UploadedDatasets uploaded;

	private final DatasetUsage usage;

	private final DatasetProperties properties;

	private final StorageQuota storage;

	DatasetUploads(Datasets datasets, UploadedDatasets uploaded, DatasetUsage usage, DatasetProperties properties,
			StorageQuota storage) {
		this.storage = storage;
		this.datasets = datasets;
		this.uploaded = uploaded;
		this.usage = usage;
		this.properties = properties;
	}

	/**
	 * Checks and stores an upload: a zip of images when the file is one (by its content
	 * or name) or image fields are given, else a CSV file.
	 * @param file the file part; {@code null} when the request has none
	 */
	DatasetView upload(Caller caller, UploadForm form, MultipartFile file) {
		FieldProblem fileProblem = (file == null) ? new FieldProblem("file",
				"is required: a CSV file with a header row, or a zip of images in class folders") : null;
		if (form.hasImageFields() || (file != null && isZip(file))) {
			return uploadImages(caller, form.validateImages(fileProblem, this.properties.images().maxSide()), file);
		}
		UploadForm.UploadOptions options = form.validate(fileProblem);
		checkCanStore(caller, options.name(), file);
		CsvDatasetParser.ParsedCsv csv = parse(file, options);
		InputKind input = InputKind.TABULAR;
		List<Integer> shape = List.of(csv.featureCount());
		if (options.imageShape() != null) {
			input = InputKind.IMAGE;
			shape = options.imageShape();
			checkImageShape(shape, csv.featureCount());
		}
		else if (options.sequenceLength() != null) {
			input = InputKind.SEQUENCE;
			shape = sequenceShape(options.sequenceLength(), csv.featureCount());
		}
		if (!this.uploaded.insert(caller.owner(), options.name(), options.task(), input, shape, csv, filename(file),
				file.getSize())) {
			throw DatasetConflictException.exists(options.name());
		}
		return this.uploaded.view(options.name(), null).orElseThrow();
	}

	/**
	 * Reads and stores a zip of images. It is charged to the storage quota at the larger
	 * of its own size and its pixels': a small zip of large images may be resized into
	 * more bytes than it has.
	 */
	private DatasetView uploadImages(Caller caller, UploadForm.ImageOptions options, MultipartFile file) {
		checkCanStore(caller, options.name(), file);
		ImageFolderArchive.ParsedImages images = readArchive(file, options);
		long stored = Math.max(file.getSize(), images.pixelBytes());
		if (stored > file.getSize()) {
			this.storage.check(caller, stored);
		}
		if (!this.uploaded.insertImages(caller.owner(), options.name(), images, filename(file), stored)) {
			throw DatasetConflictException.exists(options.name());
		}
		return this.uploaded.view(options.name(), null).orElseThrow();
	}

	/**
	 * Checks what can be known before reading the file: its name is free, and its size
	 * within the limit, the caller's dataset quota and what is left of its storage.
	 */
	private void checkCanStore(Caller caller, String name, MultipartFile file) {
		if (this.datasets.isBuiltIn(name)) {
			throw DatasetConflictException.builtIn(name, "replaced by an upload");
		}
		if (this.uploaded.exists(name)) {
			throw DatasetConflictException.exists(name);
		}
		// the servlet container enforces the same limit; this holds should its settings
		// differ
		if (file.getSize() > this.properties.maxUploadSize().toBytes()) {
			throw PayloadTooLargeException.forField("file", this.properties.maxUploadSize());
		}
		long quota = caller.quotas().maxDatasetBytes();
		if (file.getSize() > quota) {
			throw PayloadTooLargeException.forField("file", DataSize.ofBytes(quota), "your maxDatasetBytes quota");
		}
		this.storage.check(caller, file.getSize());
	}

	/** Whether the file is a zip: named so, or starting as zips do. */
	private static boolean isZip(MultipartFile file) {
		String name = file.getOriginalFilename();
		if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
			return true;
		}
		try (InputStream content = file.getInputStream()) {
			byte[] head = content.readNBytes(2);
			return head.length == 2 && head[0] == 'P' && head[1] == 'K';
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private static String filename(MultipartFile file) {
		return StringUtils.hasText(file.getOriginalFilename()) ? StringUtils.getFilename(file.getOriginalFilename())
				: null;
	}

	/** Deletes an upload that no job refers to. */
	void delete(Caller caller, String name) {
		if (this.datasets.isBuiltIn(name)) {
			throw DatasetConflictException.builtIn(name, "deleted");
		}
		if (this.uploaded.view(name, caller.ownerFilter()).isEmpty()) {
			throw DatasetNotFoundException.forName(name);
		}
		if (this.usage.isUsedByJobs(name)) {
			throw DatasetConflictException.inUse(name);
		}
		if (!this.uploaded.delete(name)) {
			throw DatasetNotFoundException.forName(name);
		}
	}

	/** An upload or built-in dataset with what it holds. */
	Optional<DatasetView> view(Caller caller, String name) {
		if (this.datasets.isBuiltIn(name)) {
			return this.datasets.find(name).map(info -> DatasetView.of(info, null));
		}
		return this.uploaded.view(name, caller.ownerFilter());
	}

	private CsvDatasetParser.ParsedCsv parse(MultipartFile file, UploadForm.UploadOptions options) {
		try (InputStream content = file.getInputStream()) {
			return CsvDatasetParser.parse(content, options.labelColumn(), options.task(), this.properties.maxClasses());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private ImageFolderArchive.ParsedImages readArchive(MultipartFile file, UploadForm.ImageOptions options) {
		try (InputStream content = file.getInputStream()) {
			return ImageFolderArchive.read(content, options, this.properties.images(), this.properties.maxClasses());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the uploaded file", ex);
		}
	}

	private static void checkImageShape(List<Integer> shape, int features) {
		long values = (long) shape.get(0) * shape.get(1) * shape.get(2);
		if (values != features) {
			throw InvalidRequestException.forField("imageShape",
					"%d×%d×%d is %d values per image, but the file has %d feature columns".formatted(shape.get(0),
							shape.get(1), shape.get(2), values, features));
		}
	}

	/**
	 * [features per step, steps]: the feature columns are read feature-major, all steps
	 * of the first feature, then all of the second, and so on.
	 */
	private static List<Integer> sequenceShape(int steps, int features) {
		if (features % steps != 0) {
			throw InvalidRequestException.forField("sequenceLength",
					"%d steps do not divide the file's %d feature columns into equal steps".formatted(steps, features));
		}
		return List.of(features / steps, steps);
	}

}
