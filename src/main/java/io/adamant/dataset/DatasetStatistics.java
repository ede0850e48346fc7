package io.adamant.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an uploaded dataset holds, as counted when it was uploaded.
 *
 * @param rows data rows (images)
 * @param features feature columns (values per image)
 * @param outputs classes (classification) or 1 (regression)
 * @param labelColumn the header name of the label column; {@code null} for images
 * @param featureColumns the header names of the feature columns, in file order (the order
 * of the values in a row); {@code null} for images
 * @param classCounts rows per class, classes sorted; {@code null} for regression
 * @param labelSummary the targets' spread; {@code null} for classification
 * @param filename the uploaded file's name, if the client sent one
 * @param sizeBytes the uploaded file's size; for a zip of images, what it stores if that
 * is more (the storage quota counts this)
 * @param createdAt when it was uploaded
 * @param images how a zip of images was read; {@code null} for CSV uploads
 */
public record DatasetStatistics(int rows, int features, int outputs, String labelColumn, List<String> featureColumns,
		Map<String, Integer> classCounts, LabelSummary labelSummary, String filename, long sizeBytes, Instant createdAt,
		ImageSummary images) {

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

	/**
	 * A zip of images as stored: every image resized to the same size and channels, one
	 * byte per value.
	 *
	 * @param channels 1 (grey) or 3 (RGB)
	 * @param height every image's height
	 * @param width every image's width
	 * @param trainImages images in {@code train/}; {@code null} when each job splits the
	 * images itself
	 * @param validationImages images in {@code val/}; {@code null} likewise
	 * @param channelMean per channel, the mean of the training images' pixels scaled to
	 * [0, 1] (all images' without a split); for reference, as each job fits its own on
	 * its training rows
	 * @param channelStd per channel, their standard deviation
	 */
	public record ImageSummary(int channels, int height, int width, Integer trainImages, Integer validationImages,
			List<Double> channelMean, List<Double> channelStd) {
	}

}
