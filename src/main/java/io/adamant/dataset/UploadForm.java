package io.adamant.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;

/**
 * The form fields of a CSV upload as the client sent them. They arrive as text and are
 * checked here rather than by data binding, so that every problem is reported at once and
 * in the API's own words.
 *
 * @param name the name to upload under
 * @param labelColumn the header name of the column that holds the labels
 * @param task {@code classification} or {@code regression}
 * @param imageShape {@code channels,height,width}; flat rows when absent or blank
 * @param sequenceLength steps per sequence; flat rows when absent or blank
 */
record UploadForm(String name, String labelColumn, String task, String imageShape, String sequenceLength) {

	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

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
		if (isBlank(this.name)) {
			problems.add(new FieldProblem("name", "is required"));
		}
		else if (!NAME.matcher(this.name).matches()) {
			problems.add(new FieldProblem("name",
					"'%s' is not a valid name: 1 to 63 lower-case letters, digits and hyphens, not starting with a hyphen"
						.formatted(this.name)));
		}
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

}
