package io.adamant.training;

/**
 * What the training monitor measured over one epoch's accepted iterations: primitive
 * accumulators, one slot per trainable layer.
 */
final class EpochTelemetry {

	private int iterations;

	private double preClipSum;

	private double preClipMax;

	private double postClipSum;

	private double postClipMax;

	private int clipped;

	private int nonFinite;

	private double learningRateSum;

	private int learningRates;

	private double ratioLogSum;

	private int ratios;

	private final double[] layerGradientSum;

	private final double[] layerGradientMax;

	private final double[] layerRatioLogSum;

	private final int[] layerRatios;

	EpochTelemetry(int layers) {
		this.layerGradientSum = new double[layers];
		this.layerGradientMax = new double[layers];
		this.layerRatioLogSum = new double[layers];
		this.layerRatios = new int[layers];
	}

	void addGradient(double preClip, double postClip, boolean wasClipped) {
		this.iterations++;
		this.preClipSum += preClip;
		this.preClipMax = Math.max(this.preClipMax, preClip);
		this.postClipSum += postClip;
		this.postClipMax = Math.max(this.postClipMax, postClip);
		if (wasClipped) {
			this.clipped++;
		}
	}

	void addLayerGradient(int layer, double norm) {
		this.layerGradientSum[layer] += norm;
		this.layerGradientMax[layer] = Math.max(this.layerGradientMax[layer], norm);
	}

	void addLayerRatio(int layer, double updateNorm, double paramNorm) {
		if (updateNorm > 0 && paramNorm > 0) {
			this.layerRatioLogSum[layer] += Math.log10(updateNorm / paramNorm);
			this.layerRatios[layer]++;
		}
	}

	void addLearningRate(Double learningRate) {
		if (learningRate != null && Double.isFinite(learningRate)) {
			this.learningRateSum += learningRate;
			this.learningRates++;
		}
	}

	void addRatio(double updateNorm, double paramNorm) {
		if (updateNorm > 0 && paramNorm > 0) {
			this.ratioLogSum += Math.log10(updateNorm / paramNorm);
			this.ratios++;
		}
	}

	void countNonFinite() {
		this.nonFinite++;
	}

	int iterations() {
		return this.iterations;
	}

	double preClipMean() {
		return mean(this.preClipSum, this.iterations);
	}

	double preClipMax() {
		return this.preClipMax;
	}

	double postClipMean() {
		return mean(this.postClipSum, this.iterations);
	}

	double postClipMax() {
		return this.postClipMax;
	}

	double clippedFraction() {
		return mean(this.clipped, this.iterations);
	}

	int nonFinite() {
		return this.nonFinite;
	}

	/**
	 * Mean learning rate of the epoch's steps; {@code null} for optimizers without one.
	 */
	Double learningRate() {
		return this.learningRates == 0 ? null : this.learningRateSum / this.learningRates;
	}

	/**
	 * Mean of log10(|update| / |parameters|) over the steps; {@code null} if none was
	 * measured.
	 */
	Double updateRatioLog10() {
		return this.ratios == 0 ? null : this.ratioLogSum / this.ratios;
	}

	double layerGradientMean(int layer) {
		return mean(this.layerGradientSum[layer], this.iterations);
	}

	double layerGradientMax(int layer) {
		return this.layerGradientMax[layer];
	}

	Double layerUpdateRatioLog10(int layer) {
		return this.layerRatios[layer] == 0 ? null : this.layerRatioLogSum[layer] / this.layerRatios[layer];
	}

	private static double mean(double sum, int count) {
		return count == 0 ? 0 : sum / count;
	}

}
