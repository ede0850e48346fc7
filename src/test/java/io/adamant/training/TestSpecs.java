package io.adamant.training;

import io.adamant.job.ClippingSpec;
import io.adamant.job.DatasetSpec;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import io.adamant.job.TrainingSpec;

/** Specs for unit tests, with every default filled in as the service would. */
final class TestSpecs {

	private TestSpecs() {
	}

	static JobSpec spec(ModelSpec model, OptimizerSpec optimizer, ClippingSpec clipping, TrainingSpec training) {
		return new JobSpec(null, new DatasetSpec("test", null, null), model, optimizer, clipping, null, null, null,
				null, training, null, null)
			.withDefaults(() -> 42L);
	}

}
