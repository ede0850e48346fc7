package io.adamant.sweep;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import io.adamant.job.JobSpec;

/**
 * A grid of jobs: the base spec with each combination of the axes' values set into it.
 *
 * @param name the sweep's label; each child is named after it and its combination
 * @param base a job spec, as {@code POST /api/v1/jobs} takes it; it need not be complete
 * where the axes fill it in. Each child is validated on its own, defaults included
 * @param axes the spec paths to vary and their values; the grid is their Cartesian
 * product
 * @param targetLoss optional: the comparison reports the first epoch at or below it
 */
public record SweepRequest(@NotBlank @Size(max = 200) String name, @NotNull JobSpec base,
		@NotEmpty @Size(max = 16) List<@NotNull @Valid Axis> axes, @Positive Double targetLoss) {

	/**
	 * One dimension of the grid.
	 *
	 * @param path a dotted spec path ({@code optimizer.learningRate}, {@code clipping},
	 * {@code model.hiddenLayers.0.units}); setting it replaces that node of the base spec
	 * @param values what to set it to: numbers, strings, objects
	 * ({@code {"type":"adam"}}) or {@code null} (the default)
	 */
	public record Axis(@NotBlank String path, @NotEmpty List<JsonNode> values) {
	}

}
