package io.adamant.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;

/**
 * Turns an uploaded CSV file into a dataset's values in one pass, checking every cell on
 * the way. The header names the columns; one of them is the label, the others are the
 * features, in file order. Problems name the data row (1-based; the header is row 0) and
 * the line it starts on, which differ when a quoted field spans lines.
 */
final class CsvDatasetParser {

	/** Problems reported before giving up: enough to fix a file, not a flood. */
	static final int MAX_PROBLEMS = 10;

	/**
	 * Values one array may hold: float32 arrays are stored as PostgreSQL {@code bytea},
	 * which stops at 1 GB, and loaded into Java arrays, which stop at 2^31 elements.
	 */
	static final long MAX_VALUES = 200_000_000L;

	private static final int MAX_SHOWN_CELL = 40;

	private final String labelColumn;

	private final DatasetTask task;

	private final int maxClasses;

	private final List<FieldProblem> problems = new ArrayList<>();

	/** The header's column names. */
	private List<String> names;

	/** The data row being read, 1-based; 0 while reading the header, -1 before. */
	private int row = -1;

	/** The line on which the record being read starts. */
	private int line = 1;

	private CsvDatasetParser(String labelColumn, DatasetTask task, int maxClasses) {
		this.labelColumn = labelColumn;
		this.task = task;
		this.maxClasses = maxClasses;
	}

	/**
	 * Reads a CSV file that is UTF-8 text.
	 * @throws InvalidRequestException naming what is wrong with the file
	 */
	static ParsedCsv parse(InputStream content, String labelColumn, DatasetTask task, int maxClasses)
			throws IOException {
		Reader reader = new InputStreamReader(content,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT));
		return new CsvDatasetParser(labelColumn, task, maxClasses).read(new CsvReader(reader));
	}

	private ParsedCsv read(CsvReader csv) throws IOException {
		try {
			List<String> header = csv.next();
			if (header == null) {
				throw fileProblem("is empty; a header row and at least one data row are required");
			}
			this.names = header.stream().map(String::trim).toList();
			int labelIndex = checkHeader(csv.recordLine());
			List<String> featureColumns = new ArrayList<>(this.names);
			featureColumns.remove(labelIndex);
			Labels labels = (this.task == DatasetTask.CLASSIFICATION) ? new ClassLabels() : new ValueLabels();
			GrowableInts features = new GrowableInts();
			this.row = 0;
			for (List<String> cells = csv.next(); cells != null; cells = csv.next()) {
				this.row++;
				this.line = csv.recordLine();
				if (cells.size() != this.names.size()) {
					report("%s: has %d cells; the header has %d".formatted(where(), cells.size(), this.names.size()));
				}
				else {
					for (int column = 0; column < cells.size(); column++) {
						String cell = cells.get(column).trim();
						if (column == labelIndex) {
							labels.add(cell, column);
						}
						else {
							features.addFloat(number(cell, column));
						}
					}
				}
				if (this.problems.size() >= MAX_PROBLEMS) {
					report("stopped reading after %d problems".formatted(MAX_PROBLEMS));
					break;
				}
				if (features.size() > MAX_VALUES) {
					throw fileProblem("has more than %d feature values; split it".formatted(MAX_VALUES));
				}
			}
			if (this.problems.isEmpty() && this.row == 0) {
				throw fileProblem("has a header but no data rows");
			}
			if (!this.problems.isEmpty()) {
				throw InvalidRequestException.forFields(this.problems);
			}
			return labels.finish(featureColumns, this.row, features);
		}
		catch (CsvReader.CsvFormatException ex) {
			// the record that failed to read is the one after the last counted
			if (this.row >= 0) {
				this.row++;
			}
			this.line = csv.recordLine();
			throw fileProblem(where() + ": " + ex.getMessage());
		}
		catch (CharacterCodingException ex) {
			throw fileProblem("is not UTF-8 text (in or after line %d)".formatted(csv.recordLine()));
		}
	}

	/** Where the current record is: "header (line 1)" or "row 3 (line 4)". */
	private String where() {
		return this.row <= 0 ? "header (line %d)".formatted(this.line)
				: "row %d (line %d)".formatted(this.row, this.line);
	}

	/** Where a cell of the current record is. */
	private String where(int column) {
		return where() + ", column \"" + this.names.get(column) + "\"";
	}

	/** The label column's index, after checking that the header names its columns. */
	private int checkHeader(int line) {
		List<String> names = this.names;
		if (names.size() < 2) {
			throw fileProblem(("needs at least two columns, the label and a feature; the header (line %d) has one"
					+ " (is the file comma-separated?)")
				.formatted(line));
		}
		Set<String> seen = new HashSet<>();
		for (int column = 0; column < names.size(); column++) {
			String name = names.get(column);
			if (name.isEmpty()) {
				report("header (line %d), column %d: has no name".formatted(line, column + 1));
			}
			else if (!seen.add(name)) {
				report("header (line %d): column \"%s\" appears more than once".formatted(line, name));
			}
		}
		if (!this.problems.isEmpty()) {
			throw InvalidRequestException.forFields(this.problems);
		}
		int labelIndex = names.indexOf(this.labelColumn);
		if (labelIndex < 0) {
			throw InvalidRequestException.forField("labelColumn",
					"\"%s\" is not a column of the file; its columns are %s".formatted(this.labelColumn,
							names.size() <= 20 ? names : names.subList(0, 20) + " and more"));
		}
		return labelIndex;
	}

	/** The cell as a float, or 0 after reporting why it is not one. */
	private float number(String cell, int column) {
		if (cell.isEmpty()) {
			report(where(column) + ": is empty");
			return 0;
		}
		if (!isDecimal(cell)) {
			String bare = cell.replaceFirst("^[+-]", "").toLowerCase(java.util.Locale.ROOT);
			boolean nonFinite = bare.equals("nan") || bare.equals("inf") || bare.equals("infinity");
			report(where(column) + ": " + quote(cell) + (nonFinite ? " is not a finite number" : " is not a number"));
			return 0;
		}
		float value = Float.parseFloat(cell);
		if (Float.isInfinite(value)) {
			report(where(column) + ": " + quote(cell) + " is beyond the float32 range");
			return 0;
		}
		return value;
	}

	/**
	 * Whether the text is a plain decimal number: {@link Float#parseFloat} would also
	 * take hexadecimal, {@code NaN}, {@code Infinity} and type suffixes such as
	 * {@code 1f}.
	 */
	static boolean isDecimal(String text) {
		int i = 0;
		int length = text.length();
		if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
			i++;
		}
		int digits = 0;
		while (i < length && isDigit(text.charAt(i))) {
			i++;
			digits++;
		}
		if (i < length && text.charAt(i) == '.') {
			i++;
			while (i < length && isDigit(text.charAt(i))) {
				i++;
				digits++;
			}
		}
		if (digits == 0) {
			return false;
		}
		if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
			i++;
			if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
				i++;
			}
			int exponentDigits = 0;
			while (i < length && isDigit(text.charAt(i))) {
				i++;
				exponentDigits++;
			}
			if (exponentDigits == 0) {
				return false;
			}
		}
		return i == length;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static String quote(String cell) {
		String shown = cell.length() > MAX_SHOWN_CELL ? cell.substring(0, MAX_SHOWN_CELL) + "…" : cell;
		return "\"" + shown + "\"";
	}

	private void report(String message) {
		this.problems.add(new FieldProblem("file", message));
	}

	private InvalidRequestException fileProblem(String message) {
		report(message);
		return InvalidRequestException.forFields(this.problems);
	}

	/** Collects the label column as the task reads it. */
	private interface Labels {

		void add(String cell, int column);

		ParsedCsv finish(List<String> featureColumns, int rows, GrowableInts features);

	}

	/**
	 * Class names as they come, numbered in order of first appearance; renumbered in
	 * sorted order once all are known.
	 */
	private final class ClassLabels implements Labels {

		private final Map<String, Integer> seen = new HashMap<>();

		private final List<String> names = new ArrayList<>();

		private final List<Integer> counts = new ArrayList<>();

		private final GrowableInts indices = new GrowableInts();

		private boolean tooMany;

		@Override
		public void add(String cell, int column) {
			if (cell.isEmpty()) {
				report(where(column) + ": is empty");
				return;
			}
			Integer index = this.seen.get(cell);
			if (index == null) {
				if (this.names.size() == CsvDatasetParser.this.maxClasses) {
					if (!this.tooMany) {
						this.tooMany = true;
						CsvDatasetParser.this.problems.add(new FieldProblem("labelColumn",
								("\"%s\" has more than %d classes (%s brings class %s); use task=regression"
										+ " for a numeric target")
									.formatted(CsvDatasetParser.this.labelColumn, CsvDatasetParser.this.maxClasses,
											where(), quote(cell))));
					}
					return;
				}
				index = this.names.size();
				this.seen.put(cell, index);
				this.names.add(cell);
				this.counts.add(0);
			}
			this.indices.add(index);
			this.counts.set(index, this.counts.get(index) + 1);
		}

		@Override
		public ParsedCsv finish(List<String> featureColumns, int rows, GrowableInts features) {
			if (this.names.size() < 2) {
				throw InvalidRequestException.forField("labelColumn",
						"\"%s\" has only one class (%s); classification needs at least 2"
							.formatted(CsvDatasetParser.this.labelColumn, quote(this.names.get(0))));
			}
			if ((long) rows * this.names.size() > MAX_VALUES) {
				throw InvalidRequestException.forField("labelColumn",
						"%d rows of %d classes are more one-hot label values than the %d a dataset may have"
							.formatted(rows, this.names.size(), MAX_VALUES));
			}
			List<String> sorted = this.names.stream().sorted().toList();
			int[] renumber = new int[this.names.size()];
			Map<String, Integer> classCounts = new LinkedHashMap<>();
			for (int sortedIndex = 0; sortedIndex < sorted.size(); sortedIndex++) {
				String name = sorted.get(sortedIndex);
				int firstSeen = this.seen.get(name);
				renumber[firstSeen] = sortedIndex;
				classCounts.put(name, this.counts.get(firstSeen));
			}
			return new ParsedCsv(featureColumns, CsvDatasetParser.this.labelColumn, rows, features, this.indices,
					renumber, sorted, classCounts, null);
		}

	}

	/** Regression targets, one float per row, with a summary of their spread. */
	private final class ValueLabels implements Labels {

		private final GrowableInts values = new GrowableInts();

		private double min = Double.POSITIVE_INFINITY;

		private double max = Double.NEGATIVE_INFINITY;

		private double mean;

		private double squares;

		@Override
		public void add(String cell, int column) {
			float value = number(cell, column);
			this.values.addFloat(value);
			// Welford's update: stable for long columns of large values
			long n = this.values.size();
			double delta = value - this.mean;
			this.mean += delta / n;
			this.squares += delta * (value - this.mean);
			this.min = Math.min(this.min, value);
			this.max = Math.max(this.max, value);
		}

		@Override
		public ParsedCsv finish(List<String> featureColumns, int rows, GrowableInts features) {
			DatasetStatistics.LabelSummary summary = new DatasetStatistics.LabelSummary(this.min, this.max, this.mean,
					Math.sqrt(this.squares / rows));
			return new ParsedCsv(featureColumns, CsvDatasetParser.this.labelColumn, rows, features, this.values, null,
					List.of(), null, summary);
		}

	}

	/**
	 * A CSV file's values, checked.
	 *
	 * @param featureColumns the feature columns' header names, in file order
	 * @param labelColumn the label column's header name
	 * @param rows data rows
	 * @param features float32 bits, row-major
	 * @param labels class indices in order of first appearance (see {@code renumber}), or
	 * float32 bits of regression targets
	 * @param renumber a class's sorted index by its index of first appearance;
	 * {@code null} for regression
	 * @param classes class names, sorted; empty for regression
	 * @param classCounts rows per class, in sorted order; {@code null} for regression
	 * @param labelSummary the regression targets' spread; {@code null} for classification
	 */
	record ParsedCsv(List<String> featureColumns, String labelColumn, int rows, GrowableInts features,
			GrowableInts labels, int[] renumber, List<String> classes, Map<String, Integer> classCounts,
			DatasetStatistics.LabelSummary labelSummary) {

		int featureCount() {
			return this.featureColumns.size();
		}

		/** float32 little-endian, row-major. */
		InputStream featureBytes() {
			return this.features.littleEndian(bits -> bits);
		}

		/** Classification: int32 class indices in sorted order; regression: float32. */
		InputStream labelBytes() {
			return this.renumber == null ? this.labels.littleEndian(bits -> bits)
					: this.labels.littleEndian(index -> this.renumber[index]);
		}

	}

}
