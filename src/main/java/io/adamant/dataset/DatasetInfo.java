package io.adamant.dataset;

import java.util.List;

/**
 * What a dataset offers a model.
 *
 * @param name the name a job spec uses
 * @param task classification or regression
 * @param features inputs per row
 * @param outputs classes (classification) or target values (regression) per row
 * @param rows rows it has, or a synthetic dataset's default
 * @param synthetic whether it is generated from the job's seed (and takes
 * {@code samples})
 * @param classes class names in label order; empty for regression
 * @param description what it is
 * @param source where it comes from and under which licence
 */
public record DatasetInfo(String name, DatasetTask task, int features, int outputs, int rows, boolean synthetic,
		List<String> classes, String description, String source) {
}
