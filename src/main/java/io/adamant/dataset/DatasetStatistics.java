package io.adamant.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an uploaded dataset holds, as counted when it was uploaded.
 *
 * @param rows data rows
 * @param features feature columns
 * @param outputs classes (classification) or 1 (regression)
 * @param labelColumn the header name of the label column
 * @param featureColumns the header names of the feature columns, in file order (the order
 * of the values in a row)
 * @param classCounts rows per class, classes sorted; {@code null} for regression
 * @param labelSummary the targets' spread; {@code null} for classification
 * @param filename the uploaded file's name, if the client sent one
 * @param sizeBytes the uploaded file's size
 * @param createdAt when it was uploaded
 */
public record DatasetStatistics(int rows, int features, int outputs, String labelColumn, List<String> featureColumns,
		Map<String, Integer> classCounts, LabelSummary labelSummary, String filename, long sizeBytes,
		Instant createdAt) {

	/**
	 * A regression target's spread.
	 *
	 * @param min smallest value
	 * @param max largest value
	 * @param mean mean value
	 * @param standardDeviation population standard deviation
	 */
	public record LabelSummary(double min, double max, double mean, double standardDeviation) {
	}

}
