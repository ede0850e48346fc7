package io.adamant.dataset;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;
import io.adamant.api.PayloadTooLargeException;

/**
 * Reads a zip in torchvision's ImageFolder layout, {@code class/image.png}, or
 * {@code train/class/image.png} and {@code val/class/image.png} for a split of the
 * uploader's own, into resized images with their classes. The archive is read as a
 * stream, entry by entry, and nothing it declares is trusted: its entries are counted,
 * their names checked, and their sizes measured as they inflate, so a zip bomb is stopped
 * after a megabyte, not after filling the memory. Problems name the entry at fault.
 */
final class ImageFolderArchive {

	/** Problems reported before giving up: enough to fix an archive, not a flood. */
	static final int MAX_PROBLEMS = 10;

	/**
	 * Below this much inflated data an archive's compression ratio says nothing: a few
	 * small entries can compress very well.
	 */
	private static final long RATIO_GRACE_BYTES = 1024 * 1024;

	private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

	private static final String TRAIN = "train";

	private static final String VALIDATION = "val";

	private static final int MAX_SHOWN_NAME = 200;

	private final UploadForm.ImageOptions options;

	private final DatasetProperties.ImageLimits limits;

	private final int maxClasses;

	private final ImageDecoder decoder;

	private final CountingInputStream compressed;

	/**
	 * Channels kept while reading: those asked for, or 3 until all images are read and
	 * show whether any has colour.
	 */
	private final int keptChannels;

	private final List<FieldProblem> problems = new ArrayList<>();

	private final List<Image> images = new ArrayList<>();

	private int entries;

	private long uncompressed;

	private long values;

	private boolean colour;

	private ImageFolderArchive(InputStream content, UploadForm.ImageOptions options,
			DatasetProperties.ImageLimits limits, int maxClasses) {
		this.compressed = new CountingInputStream(content);
		this.options = options;
		this.limits = limits;
		this.maxClasses = maxClasses;
		this.decoder = new ImageDecoder(limits.maxPixels());
		this.keptChannels = (options.channels() != null) ? options.channels() : 3;
	}

	/**
	 * Reads a zip of class folders.
	 * @throws InvalidRequestException naming what is wrong with the archive
	 * @throws PayloadTooLargeException when it, or an image in it, is over a limit
	 */
	static ParsedImages read(InputStream content, UploadForm.ImageOptions options, DatasetProperties.ImageLimits limits,
			int maxClasses) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(content);
		checkSignature(buffered);
		return new ImageFolderArchive(buffered, options, limits, maxClasses).readAll();
	}

	/**
	 * A zip starts with a local file header, or, when it is empty, with the end of its
	 * central directory; {@link ZipInputStream} would read anything else as an empty zip.
	 */
	private static void checkSignature(BufferedInputStream content) throws IOException {
		content.mark(4);
		byte[] head = content.readNBytes(4);
		content.reset();
		if (head.length == 0) {
			throw InvalidRequestException.forField("file", "is empty; expected a zip archive of class folders");
		}
		boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K'
				&& ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
		if (!zip) {
			throw InvalidRequestException.forField("file", "is not a zip archive");
		}
	}

	private ParsedImages readAll() throws IOException {
		String entry = null;
		try (ZipInputStream zip = new ZipInputStream(this.compressed)) {
			for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
				entry = next.getName();
				readEntry(zip, next);
				if (this.problems.size() >= MAX_PROBLEMS) {
					this.problems
						.add(new FieldProblem("file", "stopped reading after %d problems".formatted(MAX_PROBLEMS)));
					break;
				}
			}
		}
		catch (ZipException | EOFException ex) {
			String where = (entry == null) ? "" : " (in or after entry \"%s\")".formatted(shown(entry));
			throw fileProblem("is not a readable zip archive%s: %s".formatted(where, ex.getMessage()));
		}
		catch (IllegalArgumentException ex) {
			// ZipInputStream's answer to an entry name that is not UTF-8
			throw fileProblem("has an entry name that is not UTF-8"
					+ ((entry == null) ? "" : " (in or after entry \"%s\")".formatted(shown(entry))));
		}
		if (!this.problems.isEmpty()) {
			throw InvalidRequestException.forFields(this.problems);
		}
		return arrange();
	}

	private void readEntry(ZipInputStream zip, ZipEntry entry) throws IOException {
		String name = entry.getName();
		if (++this.entries > this.limits.maxEntries()) {
			throw tooLarge(name, "is one entry more than the %,d an archive may have (maxEntries)"
				.formatted(this.limits.maxEntries()));
		}
		List<String> path = Arrays.stream(name.split("/")).filter(segment -> !segment.isEmpty()).toList();
		if (escapes(name, path)) {
			report(name, "leaves the archive: absolute paths, drive letters, backslashes and \"..\" are refused");
			inflate(zip, name, false);
			return;
		}
		if (entry.isDirectory() || path.isEmpty() || isMetadata(path)) {
			// folders, and what macOS and other tools add beside the files (__MACOSX/,
			// .DS_Store), are skipped as ImageFolder users expect; read through all the
			// same, since a folder entry can hide content that the next entry would
			// inflate unmeasured
			inflate(zip, name, false);
			return;
		}
		String file = path.get(path.size() - 1);
		String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		if (!file.contains(".") || !EXTENSIONS.contains(extension)) {
			report(name, "is not a .png, .jpg or .jpeg file");
			inflate(zip, name, false);
			return;
		}
		if (entry.getSize() > this.limits.maxFileSize().toBytes()) {
			throw tooLarge(name, fileSizeMessage());
		}
		decode(name, path, inflate(zip, name, true));
	}

	private void decode(String name, List<String> path, byte[] file) {
		this.values += (long) this.keptChannels * this.options.width() * this.options.height();
		if (this.values > CsvDatasetParser.MAX_VALUES) {
			throw tooLarge(name, "takes the images past the %,d pixel values a dataset may hold"
				.formatted(CsvDatasetParser.MAX_VALUES));
		}
		try {
			DecodedImage image = this.decoder.decode(file, this.options.width(), this.options.height());
			this.colour |= image.hasColour();
			this.images.add(new Image(name, path, image.channelsFirst(this.keptChannels)));
		}
		catch (UnreadableImageException ex) {
			if (ex.tooLarge()) {
				throw tooLarge(name, ex.getMessage());
			}
			report(name, ex.getMessage());
		}
	}

	/**
	 * Reads an entry to its end, measuring it as it inflates against the limits.
	 * @param keep whether to return the content or only to read past it
	 */
	private byte[] inflate(ZipInputStream zip, String name, boolean keep) throws IOException {
		ByteArrayOutputStream content = keep ? new ByteArrayOutputStream() : null;
		byte[] buffer = new byte[8192];
		long size = 0;
		for (int read = zip.read(buffer); read != -1; read = zip.read(buffer)) {
			size += read;
			this.uncompressed += read;
			checkExpansion(name, size);
			if (content != null) {
				content.write(buffer, 0, read);
			}
		}
		return (content != null) ? content.toByteArray() : null;
	}

	private void checkExpansion(String name, long entrySize) {
		if (entrySize > this.limits.maxFileSize().toBytes()) {
			throw tooLarge(name, fileSizeMessage());
		}
		if (this.uncompressed > this.limits.maxUncompressedSize().toBytes()) {
			throw tooLarge(name, "takes the archive past %s uncompressed (maxUncompressedSize)"
				.formatted(PayloadTooLargeException.format(this.limits.maxUncompressedSize())));
		}
		if (this.uncompressed > RATIO_GRACE_BYTES
				&& this.uncompressed > (long) this.limits.maxCompressionRatio() * this.compressed.count()) {
			throw tooLarge(name,
					"expands the archive more than %d-fold (maxCompressionRatio); refused as a likely zip bomb"
						.formatted(this.limits.maxCompressionRatio()));
		}
	}

	private String fileSizeMessage() {
		return "is larger than the %s an image file may have (maxFileSize)"
			.formatted(PayloadTooLargeException.format(this.limits.maxFileSize()));
	}

	/**
	 * Whether a name points outside the folder the archive would be extracted to. Nothing
	 * is extracted, but such an archive is hostile or broken, and its classes would be
	 * named after paths outside it.
	 */
	private static boolean escapes(String name, List<String> path) {
		return name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
				|| name.matches("^[A-Za-z]:.*") || path.contains("..") || path.contains(".");
	}

	private static boolean isMetadata(List<String> path) {
		return path.get(0).equals("__MACOSX") || path.stream().anyMatch(segment -> segment.startsWith("."));
	}

	/** Places every image in its class (and part), then lays the rows out in order. */
	private ParsedImages arrange() {
		if (this.images.isEmpty()) {
			throw fileProblem("has no images: expected a folder per class of .png, .jpg or .jpeg files, "
					+ "e.g. cat/1.png and dog/2.jpg");
		}
		int root = hasCommonRoot() ? 1 : 0;
		boolean split = this.images.stream()
			.anyMatch(image -> image.path().size() - root == 3 && isPart(image.path().get(root)));
		List<Placed> placed = new ArrayList<>();
		for (Image image : this.images) {
			Placed place = split ? placeInPart(image, root) : place(image, root);
			if (place != null) {
				placed.add(place);
			}
		}
		throwProblems();
		List<String> classes = placed.stream()
			.filter(place -> !place.validation())
			.map(Placed::className)
			.distinct()
			.sorted()
			.toList();
		checkClasses(classes, placed, split);
		int channels = (this.options.channels() != null) ? this.options.channels() : (this.colour ? 3 : 1);
		placed.sort(Comparator.comparing(Placed::validation)
			.thenComparing(place -> classes.indexOf(place.className()))
			.thenComparing(place -> place.image().name()));
		return rows(placed, classes, channels, split);
	}

	/**
	 * Whether every image sits in one folder that holds the class folders, as in a zip of
	 * a folder made with {@code zip -r shapes.zip shapes/}.
	 */
	private boolean hasCommonRoot() {
		String first = this.images.get(0).path().get(0);
		return !isPart(first) && this.images.stream()
			.allMatch(image -> image.path().size() >= 3 && image.path().get(0).equals(first));
	}

	private Placed place(Image image, int root) {
		int depth = image.path().size() - root;
		if (depth == 2) {
			return new Placed(image, false, image.path().get(root));
		}
		report(image.name(), (depth < 2) ? "is not in a class folder: expected <class>/<image>"
				: "is not directly in a class folder: expected <class>/<image>");
		return null;
	}

	private Placed placeInPart(Image image, int root) {
		List<String> path = image.path();
		if (path.size() - root != 3 || !isPart(path.get(root))) {
			report(image.name(), "is not in train/<class>/ or val/<class>/, as the archive's other images are");
			return null;
		}
		return new Placed(image, path.get(root).equals(VALIDATION), path.get(root + 1));
	}

	private static boolean isPart(String folder) {
		return folder.equals(TRAIN) || folder.equals(VALIDATION);
	}

	private void checkClasses(List<String> classes, List<Placed> placed, boolean split) {
		if (split && placed.stream().allMatch(Placed::validation)) {
			throw fileProblem("has images in val/ but none in train/");
		}
		if (split && placed.stream().noneMatch(Placed::validation)) {
			throw fileProblem("has images in train/ but none in val/; put some in val/<class>/ or leave out the "
					+ "train/ level to let each job split the images");
		}
		placed.stream()
			.filter(place -> place.validation() && !classes.contains(place.className()))
			.forEach(place -> report(place.image().name(),
					"is in class \"%s\", which has no images in train/".formatted(place.className())));
		throwProblems();
		if (classes.size() < 2) {
			throw fileProblem("has only one class folder (\"%s\"); classification needs at least 2"
				.formatted(shown(classes.get(0))));
		}
		if (classes.size() > this.maxClasses) {
			throw fileProblem(
					"has %d class folders; at most %d are allowed".formatted(classes.size(), this.maxClasses));
		}
	}

	private ParsedImages rows(List<Placed> placed, List<String> classes, int channels, boolean split) {
		int area = this.options.width() * this.options.height();
		List<byte[]> pixels = new ArrayList<>(placed.size());
		int[] labels = new int[placed.size()];
		Map<String, Integer> counts = new LinkedHashMap<>();
		classes.forEach(name -> counts.put(name, 0));
		int validationRows = 0;
		for (int row = 0; row < placed.size(); row++) {
			Placed place = placed.get(row);
			byte[] kept = place.image().pixels();
			// kept as RGB only while no image had colour: red is then every pixel's luma
			pixels.add(kept.length == channels * area ? kept : Arrays.copyOf(kept, area));
			labels[row] = classes.indexOf(place.className());
			counts.merge(place.className(), 1, Integer::sum);
			validationRows += place.validation() ? 1 : 0;
		}
		ChannelStatistics statistics = ChannelStatistics.of(pixels.subList(0, pixels.size() - validationRows), channels,
				area);
		return new ParsedImages(classes, counts, channels, this.options.height(), this.options.width(), pixels, labels,
				split ? validationRows : null, statistics.mean(), statistics.standardDeviation());
	}

	private void report(String entry, String message) {
		this.problems.add(new FieldProblem("file", "entry \"%s\": %s".formatted(shown(entry), message)));
	}

	private void throwProblems() {
		if (!this.problems.isEmpty()) {
			throw InvalidRequestException.forFields(this.problems);
		}
	}

	private InvalidRequestException fileProblem(String message) {
		this.problems.add(new FieldProblem("file", message));
		return InvalidRequestException.forFields(this.problems);
	}

	private static PayloadTooLargeException tooLarge(String entry, String message) {
		return PayloadTooLargeException.forField("file", "entry \"%s\": %s".formatted(shown(entry), message));
	}

	private static String shown(String name) {
		return (name.length() > MAX_SHOWN_NAME) ? name.substring(0, MAX_SHOWN_NAME) + "…" : name;
	}

	/**
	 * An image as read.
	 *
	 * @param name its entry's name
	 * @param path the name's folders and file name
	 * @param pixels resized, [channels, height, width]
	 */
	private record Image(String name, List<String> path, byte[] pixels) {
	}

	/**
	 * An image with its class.
	 *
	 * @param validation whether it is in {@code val/}
	 */
	private record Placed(Image image, boolean validation, String className) {
	}

	/**
	 * Per-channel mean and standard deviation (population) of pixels in [0, 1].
	 */
	private record ChannelStatistics(List<Double> mean, List<Double> standardDeviation) {

		static ChannelStatistics of(List<byte[]> rows, int channels, int area) {
			double[] sums = new double[channels];
			double[] squares = new double[channels];
			for (byte[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					double value = DecodedImage.unit(row[i]);
					sums[i / area] += value;
					squares[i / area] += value * value;
				}
			}
			List<Double> means = new ArrayList<>();
			List<Double> deviations = new ArrayList<>();
			double count = (double) rows.size() * area;
			for (int channel = 0; channel < channels; channel++) {
				double mean = sums[channel] / count;
				means.add(rounded(mean));
				deviations.add(rounded(Math.sqrt(Math.max(0, squares[channel] / count - mean * mean))));
			}
			return new ChannelStatistics(means, deviations);
		}

		private static double rounded(double value) {
			return Math.round(value * 1e6) / 1e6;
		}

	}

	/**
	 * A zip of images, read and checked: rows ordered training images first (then
	 * {@code val/}'s), each part by class, then by entry name, so that the same images
	 * give the same dataset whatever the order in the archive.
	 *
	 * @param classes the class folders' names, sorted; a class's index is its position
	 * @param classCounts images per class, in that order
	 * @param channels 1 or 3
	 * @param height every image's height
	 * @param width every image's width
	 * @param rows each image's pixels, [channels, height, width], one byte each
	 * @param labels each image's class index
	 * @param validationRows how many of the last rows are {@code val/}'s; {@code null}
	 * without a split of the uploader's own
	 * @param channelMean per channel, of the training images' pixels in [0, 1]
	 * @param channelStd per channel, likewise
	 */
	record ParsedImages(List<String> classes, Map<String, Integer> classCounts, int channels, int height, int width,
			List<byte[]> rows, int[] labels, Integer validationRows, List<Double> channelMean,
			List<Double> channelStd) {

		int rowCount() {
			return this.labels.length;
		}

		List<Integer> shape() {
			return List.of(this.channels, this.height, this.width);
		}

		int featureCount() {
			return this.channels * this.height * this.width;
		}

		long pixelBytes() {
			return (long) rowCount() * featureCount();
		}

		/** The rows one after another, without copying them into one array. */
		InputStream pixelStream() {
			return new SequenceInputStream(
					Collections.enumeration(this.rows.stream().map(ByteArrayInputStream::new).toList()));
		}

		/** int32 little-endian class indices, as CSV classification labels are stored. */
		byte[] labelBytes() {
			ByteBuffer buffer = ByteBuffer.allocate(4 * this.labels.length).order(ByteOrder.LITTLE_ENDIAN);
			buffer.asIntBuffer().put(this.labels);
			return buffer.array();
		}

	}

	/** Counts the compressed bytes the zip reader has taken. */
	private static final class CountingInputStream extends FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		long count() {
			return this.count;
		}

		@Override
		public int read() throws IOException {
			int read = super.read();
			this.count += (read == -1) ? 0 : 1;
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			this.count += Math.max(0, read);
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			this.count += skipped;
			return skipped;
		}

	}

}
