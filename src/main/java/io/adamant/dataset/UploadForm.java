package io.adamant.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;

/**
 * The form fields of an upload as the client sent them: a CSV file's or a zip of images'.
 * They arrive as text and are checked here rather than by data binding, so that every
 * problem is reported at once and in the API's own words.
 *
 * @param name the name to upload under
 * @param labelColumn CSV: the header name of the column that holds the labels
 * @param task {@code classification} or {@code regression}; a zip of images is
 * classification
 * @param imageShape CSV: {@code channels,height,width}; flat rows when absent or blank
 * @param sequenceLength CSV: steps per sequence; flat rows when absent or blank
 * @param imageSize zip: {@code WIDTHxHEIGHT} (or one number for a square) to resize every
 * image to
 * @param width zip: the width to resize to, with {@code height} instead of
 * {@code imageSize}
 * @param height zip: the height to resize to
 * @param channels zip: 1 (grey) or 3 (RGB); chosen from the images when absent
 */
record UploadForm(String name, String labelColumn, String task, String imageShape, String sequenceLength,
		String imageSize, String width, String height, String channels) {

	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern IMAGE_SIZE = Pattern.compile("(\\d{1,9})(?:\\s*[xX×]\\s*(\\d{1,9}))?");

	/** The same bound that job specs put on a sequence length. */
	static final int MAX_SEQUENCE_LENGTH = 10_000;

	/**
	 * The fields parsed, or an {@link InvalidRequestException} naming each bad one.
	 * @param fileProblem what is wrong with the file part, if anything, to report with
	 * the rest
	 */
	UploadOptions validate(FieldProblem fileProblem) {
		List<FieldProblem> problems = new ArrayList<>();
		if (fileProblem != null) {
			problems.add(fileProblem);
		}
		checkName(problems);
		if (isBlank(this.labelColumn)) {
			problems.add(new FieldProblem("labelColumn", "is required: the header name of the label column"));
		}
		DatasetTask parsedTask = parseTask(problems);
		List<Integer> shape = parseImageShape(problems);
		Integer steps = parseSequenceLength(problems);
		if (!isBlank(this.imageShape) && !isBlank(this.sequenceLength)) {
			problems.add(new FieldProblem("sequenceLength",
					"cannot be combined with imageShape: a dataset is either images or sequences"));
		}
		if (!problems.isEmpty()) {
			throw InvalidRequestException.forFields(problems);
		}
		return new UploadOptions(this.name, this.labelColumn.trim(), parsedTask, shape, steps);
	}

	/**
	 * Whether a field that only a zip of images takes is filled in: then the file is read
	 * as one, whatever its name, so that a file that is not a zip is reported as such.
	 */
	boolean hasImageFields() {
		return !isBlank(this.imageSize) || !isBlank(this.width) || !isBlank(this.height) || !isBlank(this.channels);
	}

	/**
	 * The fields of a zip of images parsed, or an {@link InvalidRequestException} naming
	 * each bad one; the CSV-only fields must be left out.
	 * @param fileProblem what is wrong with the file part, if anything, to report with
	 * the rest
	 * @param maxSide the largest width or height to resize to
	 */
	ImageOptions validateImages(FieldProblem fileProblem, int maxSide) {
		List<FieldProblem> problems = new ArrayList<>();
		if (fileProblem != null) {
			problems.add(fileProblem);
		}
		checkName(problems);
		String notForImages = "does not apply to a zip of images: ";
		if (!isBlank(this.labelColumn)) {
			problems.add(new FieldProblem("labelColumn", notForImages + "an image's class is its folder's name"));
		}
		if (!isBlank(this.imageShape)) {
			problems.add(new FieldProblem("imageShape", notForImages + "give imageSize and channels"));
		}
		if (!isBlank(this.sequenceLength)) {
			problems.add(new FieldProblem("sequenceLength", notForImages + "images are not sequences"));
		}
		if (!isBlank(this.task) && !this.task.trim().equalsIgnoreCase("classification")) {
			problems.add(new FieldProblem("task",
					("'%s' is not possible for a zip of images: its labels are its class folders, so it is"
							+ " classification (the default)")
						.formatted(this.task)));
		}
		int[] size = parseImageSize(problems, maxSide);
		Integer channelCount = parseChannels(problems);
		if (!problems.isEmpty()) {
			throw InvalidRequestException.forFields(problems);
		}
		return new ImageOptions(this.name, size[0], size[1], channelCount);
	}

	private void checkName(List<FieldProblem> problems) {
		if (isBlank(this.name)) {
			problems.add(new FieldProblem("name", "is required"));
		}
		else if (!NAME.matcher(this.name).matches()) {
			problems.add(new FieldProblem("name",
					"'%s' is not a valid name: 1 to 63 lower-case letters, digits and hyphens, not starting with a hyphen"
						.formatted(this.name)));
		}
	}

	/** [width, height] from imageSize, or from width and height. */
	private int[] parseImageSize(List<FieldProblem> problems, int maxSide) {
		String sides = "each side 1 to %d".formatted(maxSide);
		if (isBlank(this.imageSize) && isBlank(this.width) && isBlank(this.height)) {
			problems.add(new FieldProblem("imageSize",
					"is required for a zip of images: the size every image is resized to, WIDTHxHEIGHT, e.g. 32x32"));
			return new int[2];
		}
		if (isBlank(this.imageSize)) {
			return new int[] { side("width", this.width, maxSide, problems),
					side("height", this.height, maxSide, problems) };
		}
		if (!isBlank(this.width) || !isBlank(this.height)) {
			problems.add(new FieldProblem("imageSize", "give either imageSize or width and height, not both"));
			return new int[2];
		}
		Matcher matcher = IMAGE_SIZE.matcher(this.imageSize.trim());
		Integer width = matcher.matches() ? positiveInt(matcher.group(1), maxSide) : null;
		Integer height = (matcher.matches() && matcher.group(2) != null) ? positiveInt(matcher.group(2), maxSide)
				: width;
		if (width == null || height == null) {
			problems.add(new FieldProblem("imageSize",
					"'%s' is not an image size: WIDTHxHEIGHT, e.g. 32x32, or one number for a square; %s"
						.formatted(this.imageSize, sides)));
			return new int[2];
		}
		return new int[] { width, height };
	}

	private static int side(String field, String value, int maxSide, List<FieldProblem> problems) {
		if (isBlank(value)) {
			problems.add(new FieldProblem(field,
					"is required with %s".formatted(field.equals("width") ? "height" : "width")));
			return 0;
		}
		Integer side = positiveInt(value.trim(), maxSide);
		if (side == null) {
			problems.add(new FieldProblem(field,
					"'%s' is not a %s: an integer from 1 to %d".formatted(value, field, maxSide)));
			return 0;
		}
		return side;
	}

	private Integer parseChannels(List<FieldProblem> problems) {
		if (isBlank(this.channels)) {
			return null;
		}
		return switch (this.channels.trim()) {
			case "1" -> 1;
			case "3" -> 3;
			default -> {
				problems.add(new FieldProblem("channels",
						"'%s' is not a channel count: 1 (grey) or 3 (RGB)".formatted(this.channels)));
				yield null;
			}
		};
	}

	private DatasetTask parseTask(List<FieldProblem> problems) {
		if (isBlank(this.task)) {
			problems.add(new FieldProblem("task", "is required: classification or regression"));
			return null;
		}
		return switch (this.task.trim().toLowerCase(Locale.ROOT)) {
			case "classification" -> DatasetTask.CLASSIFICATION;
			case "regression" -> DatasetTask.REGRESSION;
			default -> {
				problems.add(new FieldProblem("task",
						"'%s' is not a valid value; one of [classification, regression]".formatted(this.task)));
				yield null;
			}
		};
	}

	private List<Integer> parseImageShape(List<FieldProblem> problems) {
		if (isBlank(this.imageShape)) {
			return null;
		}
		String[] parts = this.imageShape.split(",", -1);
		List<Integer> dimensions = new ArrayList<>();
		for (String part : parts) {
			Integer dimension = positiveInt(part.trim(), 1_000_000);
			if (dimension == null) {
				break;
			}
			dimensions.add(dimension);
		}
		if (parts.length != 3 || dimensions.size() != 3) {
			problems.add(new FieldProblem("imageShape",
					"'%s' is not an image shape: three positive integers channels,height,width, e.g. 1,8,8"
						.formatted(this.imageShape)));
			return null;
		}
		return List.copyOf(dimensions);
	}

	private Integer parseSequenceLength(List<FieldProblem> problems) {
		if (isBlank(this.sequenceLength)) {
			return null;
		}
		Integer steps = positiveInt(this.sequenceLength.trim(), MAX_SEQUENCE_LENGTH);
		if (steps == null) {
			problems.add(new FieldProblem("sequenceLength", "'%s' is not a sequence length: an integer from 1 to %d"
				.formatted(this.sequenceLength, MAX_SEQUENCE_LENGTH)));
		}
		return steps;
	}

	private static Integer positiveInt(String text, int max) {
		if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return null;
		}
		int value = Integer.parseInt(text);
		return (value >= 1 && value <= max) ? value : null;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * Checked upload options.
	 *
	 * @param name the dataset's name
	 * @param labelColumn the label column's header name
	 * @param task what the labels are
	 * @param imageShape [channels, height, width], or {@code null}
	 * @param sequenceLength steps per sequence, or {@code null}
	 */
	record UploadOptions(String name, String labelColumn, DatasetTask task, List<Integer> imageShape,
			Integer sequenceLength) {
	}

	/**
	 * Checked options of a zip of images.
	 *
	 * @param name the dataset's name
	 * @param width the width every image is resized to
	 * @param height the height every image is resized to
	 * @param channels 1 or 3; {@code null} to choose from the images
	 */
	record ImageOptions(String name, int width, int height, Integer channels) {
	}

}
