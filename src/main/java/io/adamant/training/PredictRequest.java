package io.adamant.training;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What to predict on: rows of features, or, for a job on an image dataset, images.
 *
 * @param features one row per prediction, each flat in the dataset's layout: its features
 * in column order; images channel by channel, row by row; sequences feature by feature,
 * step by step
 * @param images one PNG or JPEG file per prediction, base64-encoded (a {@code data:} URL
 * is accepted too); decoded, resized and scaled as a zip of images is at upload
 */
record PredictRequest(@Size(min = 1, max = 10_000) List<@NotNull List<@NotNull Double>> features,
		@Size(min = 1, max = 1_000) List<@NotNull String> images) {
}
