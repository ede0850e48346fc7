package io.adamant.dataset;

import java.util.List;

/**
 * What a dataset offers a model.
 *
 * @param name the name a job spec uses
 * @param task classification or regression
 * @param input how the features are laid out
 * @param shape the layout: [features], [channels, height, width] or [features per step,
 * steps]
 * @param features values per row (the product of {@code shape})
 * @param outputs classes (classification) or target values (regression) per row, or per
 * step with {@code perStepLabels}
 * @param perStepLabels sequences only: a label for every step rather than one per
 * sequence
 * @param rows rows it has, or a synthetic dataset's default
 * @param synthetic whether it is generated from the job's seed (and takes
 * {@code samples})
 * @param classes class names in label order; empty for regression
 * @param description what it is
 * @param source where it comes from and under which licence
 */
public record DatasetInfo(String name, DatasetTask task, InputKind input, List<Integer> shape, int features,
		int outputs, boolean perStepLabels, int rows, boolean synthetic, List<String> classes, String description,
		String source) {

	/** A dataset of flat feature rows with one label each. */
	public static DatasetInfo tabular(String name, DatasetTask task, int features, int outputs, int rows,
			boolean synthetic, List<String> classes, String description, String source) {
		return new DatasetInfo(name, task, InputKind.TABULAR, List.of(features), features, outputs, false, rows,
				synthetic, classes, description, source);
	}

	/** Steps per sequence; 0 for other inputs. */
	public int steps() {
		return this.input == InputKind.SEQUENCE ? this.shape.get(1) : 0;
	}

}
