package io.adamant.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Measures the global L2 norm of each iteration's gradient before clipping and the
 * optimizer see it: one reduction over the network's flattened gradient view, no copy.
 *
 * <p>
 * DL4J's raw gradient is the sum over the minibatch (its updater divides by the batch
 * size later), so the norm is divided by the batch size here to report the gradient of
 * the mean loss, as PyTorch's {@code clip_grad_norm_} sees it.
 */
class GradientNormListener extends BaseTrainingListener {

	private double sum;

	private double max;

	private int count;

	@Override
	public void onGradientCalculation(Model model) {
		double norm = model.gradient().gradient().norm2Number().doubleValue() / model.batchSize();
		this.sum += norm;
		this.max = Math.max(this.max, norm);
		this.count++;
	}

	/** Mean and max since the last reset; resets. */
	GradientNormStats drain() {
		GradientNormStats stats = new GradientNormStats(this.count == 0 ? 0 : this.sum / this.count, this.max);
		this.sum = 0;
		this.max = 0;
		this.count = 0;
		return stats;
	}

	record GradientNormStats(double mean, double max) {
	}

}
