package io.adamant.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset cut into training and validation rows, reproducibly from a seed; stratified
 * by class for classification so that each class keeps its share in both parts. A dataset
 * uploaded with a split of its own ({@code train/} and {@code val/}) is cut exactly
 * there, whatever the validation fraction.
 *
 * @param train the rows to fit on
 * @param validation the held-out rows; {@code null} when the validation fraction is 0
 */
public record DatasetSplit(DataSet train, DataSet validation) {

	public static DatasetSplit of(LoadedDataset data, double validationFraction, long seed) {
		if (data.validationRows() != null) {
			return predefined(data, data.validationRows());
		}
		Random random = new Random(seed);
		List<Integer> trainRows = new ArrayList<>();
		List<Integer> validationRows = new ArrayList<>();
		for (List<Integer> group : groups(data)) {
			Collections.shuffle(group, random);
			int held = (int) Math.round(group.size() * validationFraction);
			validationRows.addAll(group.subList(0, held));
			trainRows.addAll(group.subList(held, group.size()));
		}
		if (validationFraction > 0 && validationRows.isEmpty() && trainRows.size() > 1) {
			validationRows.add(trainRows.remove(trainRows.size() - 1));
		}
		if (trainRows.isEmpty()) {
			throw new IllegalArgumentException("The validation fraction leaves no rows to train on");
		}
		Collections.shuffle(trainRows, random);
		return new DatasetSplit(select(data, trainRows),
				validationRows.isEmpty() ? null : select(data, validationRows));
	}

	/** The first rows to train on, the last {@code validationRows} to validate on. */
	private static DatasetSplit predefined(LoadedDataset data, int validationRows) {
		int trainRows = data.rows() - validationRows;
		List<Integer> train = IntStream.range(0, trainRows).boxed().toList();
		List<Integer> validation = IntStream.range(trainRows, data.rows()).boxed().toList();
		return new DatasetSplit(select(data, train), validation.isEmpty() ? null : select(data, validation));
	}

	private static List<List<Integer>> groups(LoadedDataset data) {
		List<List<Integer>> groups = new ArrayList<>();
		if (data.info().task() == DatasetTask.CLASSIFICATION) {
			for (int c = 0; c < data.info().outputs(); c++) {
				groups.add(new ArrayList<>());
			}
			long[] classes = data.labels().argMax(1).toLongVector();
			for (int row = 0; row < classes.length; row++) {
				groups.get((int) classes[row]).add(row);
			}
		}
		else {
			List<Integer> all = new ArrayList<>();
			for (int row = 0; row < data.rows(); row++) {
				all.add(row);
			}
			groups.add(all);
		}
		return groups;
	}

	private static DataSet select(LoadedDataset data, List<Integer> rows) {
		int[] indices = rows.stream().mapToInt(Integer::intValue).toArray();
		// one native gather per array; getRows copies row by row, seconds for large
		// datasets
		return new DataSet(Nd4j.pullRows(data.features(), 1, indices), Nd4j.pullRows(data.labels(), 1, indices));
	}

}
