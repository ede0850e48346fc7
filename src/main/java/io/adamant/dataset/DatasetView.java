package io.adamant.dataset;

import java.util.List;

/**
 * One dataset as {@code GET /api/v1/datasets/{name}} shows it: the fields of
 * {@link DatasetInfo}, and for an uploaded dataset what it holds.
 *
 * @param name the name a job spec uses
 * @param task classification or regression
 * @param input how the features are laid out
 * @param shape the layout
 * @param features values per row
 * @param outputs classes or target values per row
 * @param perStepLabels sequences only: a label for every step
 * @param rows rows it has, or a synthetic dataset's default
 * @param synthetic whether it is generated from the job's seed
 * @param classes class names in label order; empty for regression
 * @param description what it is
 * @param source where it comes from
 * @param statistics an upload's counts; {@code null} for built-in datasets
 */
public record DatasetView(String name, DatasetTask task, InputKind input, List<Integer> shape, int features,
		int outputs, boolean perStepLabels, int rows, boolean synthetic, List<String> classes, String description,
		String source, DatasetStatistics statistics) {

	static DatasetView of(DatasetInfo info, DatasetStatistics statistics) {
		return new DatasetView(info.name(), info.task(), info.input(), info.shape(), info.features(), info.outputs(),
				info.perStepLabels(), info.rows(), info.synthetic(), info.classes(), info.description(), info.source(),
				statistics);
	}

}
