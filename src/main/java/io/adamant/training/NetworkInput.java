package io.adamant.training;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.InputKind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a dataset's flat rows into what the network reads: sequences become [rows,
 * features per step, steps] (DL4J's NCW layout), per-step labels [rows, outputs, steps];
 * images stay flat (the network's input type reshapes them). Views where possible, so no
 * batch is copied.
 */
record NetworkInput(DatasetInfo dataset) {

	INDArray features(INDArray flat) {
		if (this.dataset.input() != InputKind.SEQUENCE) {
			return flat;
		}
		return flat.reshape('c', flat.size(0), this.dataset.shape().get(0), this.dataset.steps());
	}

	INDArray labels(INDArray flat) {
		if (!this.dataset.perStepLabels()) {
			return flat;
		}
		return flat.reshape('c', flat.size(0), this.dataset.outputs(), this.dataset.steps());
	}

	/**
	 * Network outputs as one row per prediction: per-step outputs become rows × steps
	 * rows.
	 */
	INDArray predictionRows(INDArray output) {
		if (output.rank() != 3) {
			return output;
		}
		return output.permute(0, 2, 1).dup('c').reshape('c', output.size(0) * output.size(2), output.size(1));
	}

}
