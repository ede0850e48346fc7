package io.adamant.training;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable layer's views into the network's flattened gradient and parameters, with
 * the gradient norms measured this iteration.
 */
final class LayerViews {

	private final int position;

	private final int index;

	private final String description;

	private final long parameters;

	private final INDArray gradient;

	private final INDArray params;

	private final List<INDArray> paramGradients;

	private final double[] paramNorms;

	private double gradientNorm;

	LayerViews(int position, int index, String description, long parameters, INDArray gradient, INDArray params,
			List<INDArray> paramGradients) {
		this.position = position;
		this.index = index;
		this.description = description;
		this.parameters = parameters;
		this.gradient = gradient;
		this.params = params;
		this.paramGradients = paramGradients;
		this.paramNorms = new double[paramGradients.size()];
	}

	/** Position among the trainable layers. */
	int position() {
		return this.position;
	}

	/** Index in the network, counting layers without parameters too. */
	int index() {
		return this.index;
	}

	String description() {
		return this.description;
	}

	long parameters() {
		return this.parameters;
	}

	INDArray gradient() {
		return this.gradient;
	}

	INDArray params() {
		return this.params;
	}

	double gradientNorm() {
		return this.gradientNorm;
	}

	void setGradientNorm(double gradientNorm) {
		this.gradientNorm = gradientNorm;
	}

	/** Measures each parameter's mean-loss gradient norm; returns the layer's norm. */
	double measureParams(ToDoubleFunction<INDArray> norm, int batch) {
		double squares = 0;
		for (int i = 0; i < this.paramNorms.length; i++) {
			this.paramNorms[i] = norm.applyAsDouble(this.paramGradients.get(i)) / batch;
			squares += this.paramNorms[i] * this.paramNorms[i];
		}
		return Math.sqrt(squares);
	}

	/**
	 * Sum of squared parameter-gradient norms once each is clipped to {@code threshold}.
	 */
	double clippedParamSquares(double threshold) {
		double squares = 0;
		for (double norm : this.paramNorms) {
			double clipped = Math.min(norm, threshold);
			squares += clipped * clipped;
		}
		return squares;
	}

	/** Parameters whose gradient is not zero (renormalising gives each a unit norm). */
	long nonZeroParams() {
		long count = 0;
		for (double norm : this.paramNorms) {
			if (norm > 0) {
				count++;
			}
		}
		return count;
	}

}
