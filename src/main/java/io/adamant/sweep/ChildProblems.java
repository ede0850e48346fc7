package io.adamant.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;

/**
 * What is wrong with a sweep's children, told in terms of the sweep request: a spec field
 * an axis sets is blamed on that axis's value ({@code axes[1].values[0].learningRate}),
 * any other on the base ({@code base.schedule.type}). The same problem in many children
 * is told once, with how many it hit and the first of them.
 */
final class ChildProblems {

	private final Grid grid;

	private final Map<FieldProblem, Occurrences> problems = new LinkedHashMap<>();

	ChildProblems(Grid grid) {
		this.grid = grid;
	}

	void add(Grid.Cell cell, List<FieldProblem> errors) {
		for (FieldProblem error : errors) {
			this.problems.computeIfAbsent(locate(cell, error), key -> new Occurrences(cell.label(this.grid))).count();
		}
	}

	void throwIfAny() {
		if (this.problems.isEmpty()) {
			return;
		}
		throw InvalidRequestException.forFields(this.problems.entrySet()
			.stream()
			.map(entry -> new FieldProblem(entry.getKey().field(),
					"%s (in %d of %d combinations, first [%s])".formatted(entry.getKey().message(),
							entry.getValue().children, this.grid.size(), entry.getValue().first)))
			.toList());
	}

	/**
	 * The request field behind a child's spec field; the later axis wins, as it is set
	 * last.
	 */
	private FieldProblem locate(Grid.Cell cell, FieldProblem error) {
		String specField = error.field();
		for (int i = this.grid.axes().size() - 1; i >= 0; i--) {
			String path = bracketed(this.grid.axes().get(i).path());
			if (specField.equals(path) || specField.startsWith(path + ".") || specField.startsWith(path + "[")) {
				return new FieldProblem(cell.valueField(i) + specField.substring(path.length()),
						specField + ": " + error.message());
			}
		}
		String field = specField.equals("body") ? "base" : "base." + specField;
		return new FieldProblem(field, error.message());
	}

	/**
	 * {@code model.hiddenLayers.0.units} as validation names it:
	 * {@code model.hiddenLayers[0].units}.
	 */
	private static String bracketed(String path) {
		return path.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
	}

	private static final class Occurrences {

		private final String first;

		private int children;

		Occurrences(String first) {
			this.first = first;
		}

		void count() {
			this.children++;
		}

	}

}
