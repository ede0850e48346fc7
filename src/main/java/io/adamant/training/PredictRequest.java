package io.adamant.training;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Rows to predict, each flat in the dataset's layout: its features in column order;
 * images channel by channel, row by row; sequences feature by feature, step by step.
 *
 * @param features one row per prediction
 */
record PredictRequest(@NotEmpty @Size(max = 10_000) List<@NotNull List<@NotNull Double>> features) {
}
