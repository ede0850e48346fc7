package io.adamant.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;
import io.adamant.job.JobSpecPaths;

/**
 * The Cartesian product of a sweep's axes. Cell {@code k} is read in mixed radix with the
 * last axis varying fastest, so the order of the children is the order a person reads the
 * grid in, and a stored list of child ids maps back to their values.
 *
 * @param axes the axes, in the order given (a later axis is set after an earlier one)
 */
record Grid(List<SweepRequest.Axis> axes) {

	/** The longest child name a job spec takes. */
	private static final int MAX_NAME = 200;

	/**
	 * The grid of {@code axes}, once they are checked: known, distinct paths, no path
	 * undoing another, no repeated value, at most {@code maxSize} cells.
	 */
	static Grid of(List<SweepRequest.Axis> axes, int maxSize) {
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < axes.size(); i++) {
			checkPath(axes, i, problems);
			checkValues(axes.get(i), i, problems);
		}
		long size = size(axes);
		if (size > maxSize) {
			problems.add(new FieldProblem("axes", "the grid has %d combinations (%s); the limit is %d".formatted(size,
					axes.stream().map(axis -> String.valueOf(axis.values().size())).collect(Collectors.joining(" × ")),
					maxSize)));
		}
		if (!problems.isEmpty()) {
			throw InvalidRequestException.forFields(problems);
		}
		return new Grid(axes);
	}

	int size() {
		return (int) size(this.axes);
	}

	Cell cell(int k) {
		int[] indexes = new int[this.axes.size()];
		int rest = k;
		for (int i = this.axes.size() - 1; i >= 0; i--) {
			int count = this.axes.get(i).values().size();
			indexes[i] = rest % count;
			rest /= count;
		}
		return new Cell(k, indexes);
	}

	private static long size(List<SweepRequest.Axis> axes) {
		long size = 1;
		for (SweepRequest.Axis axis : axes) {
			// saturates instead of overflowing: anything this large is refused anyway
			size = Math.min(size * axis.values().size(), Integer.MAX_VALUE);
		}
		return size;
	}

	private static void checkPath(List<SweepRequest.Axis> axes, int i, List<FieldProblem> problems) {
		String path = axes.get(i).path();
		String field = "axes[%d].path".formatted(i);
		if (path.equals("name")) {
			problems.add(new FieldProblem(field, "children are named after the sweep and their values"));
			return;
		}
		JobSpecPaths.problem(path).ifPresent(problem -> problems.add(new FieldProblem(field, problem)));
		for (int earlier = 0; earlier < i; earlier++) {
			String other = axes.get(earlier).path();
			if (other.equals(path)) {
				problems.add(new FieldProblem(field, "'%s' is already axes[%d]".formatted(path, earlier)));
			}
			else if (other.startsWith(path + ".")) {
				problems.add(new FieldProblem(field,
						"'%s' would replace what axes[%d] ('%s') sets; list the wider path first".formatted(path,
								earlier, other)));
			}
		}
	}

	private static void checkValues(SweepRequest.Axis axis, int i, List<FieldProblem> problems) {
		List<JsonNode> values = axis.values();
		for (int j = 1; j < values.size(); j++) {
			int first = values.indexOf(values.get(j));
			if (first < j) {
				problems.add(new FieldProblem("axes[%d].values[%d]".formatted(i, j),
						"repeats values[%d]; each value makes a child, so each must differ".formatted(first)));
			}
		}
	}

	/**
	 * One combination of the axes' values.
	 *
	 * @param index its position in the grid
	 * @param valueIndexes for each axis, the index of its value
	 */
	record Cell(int index, int[] valueIndexes) {

		/** Path → value, in axis order. */
		Map<String, JsonNode> values(Grid grid) {
			Map<String, JsonNode> values = new LinkedHashMap<>();
			for (int i = 0; i < this.valueIndexes.length; i++) {
				values.put(grid.axes().get(i).path(), value(grid, i));
			}
			return values;
		}

		/** {@code optimizer=adam, clipping=global-norm(1.0)}. */
		String label(Grid grid) {
			return values(grid).entrySet()
				.stream()
				.map(entry -> entry.getKey() + "=" + ValueLabels.of(entry.getValue()))
				.collect(Collectors.joining(", "));
		}

		/** The child's name: the sweep's, then its values; cut to what a spec takes. */
		String childName(Grid grid, String sweepName) {
			String name = "%s [%s]".formatted(sweepName, label(grid));
			return (name.length() <= MAX_NAME) ? name : name.substring(0, MAX_NAME - 1) + "…";
		}

		/** The base spec with this cell's values set, axis by axis, and its name. */
		ObjectNode spec(Grid grid, ObjectNode base, String sweepName) {
			ObjectNode spec = base.deepCopy();
			for (int i = 0; i < this.valueIndexes.length; i++) {
				// a copy: a later, narrower axis may write into an object this one sets
				SpecTree.set(spec, grid.axes().get(i).path(), value(grid, i).deepCopy(), "axes[%d].path".formatted(i));
			}
			spec.put("name", childName(grid, sweepName));
			return spec;
		}

		/** The request field of this cell's value on axis {@code i}. */
		String valueField(int i) {
			return "axes[%d].values[%d]".formatted(i, this.valueIndexes[i]);
		}

		private JsonNode value(Grid grid, int i) {
			JsonNode value = grid.axes().get(i).values().get(this.valueIndexes[i]);
			return (value != null) ? value : NullNode.getInstance();
		}

	}

}
