package io.adamant.training;

import java.util.List;

import io.adamant.job.ClippingSpec;
import io.adamant.job.DivergenceSpec;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * The service's part of every training step, hooked into DL4J between backprop and the
 * optimizer ({@link #onGradientCalculation}) and after the step ({@link #iterationDone}):
 * <ul>
 * <li>measures the gradient of the mean minibatch loss: per-parameter, per-layer and
 * global L2 norms before clipping, and the global norm after clipping;</li>
 * <li>applies {@code global-norm} clipping, which DL4J lacks, by rescaling the network's
 * flattened gradient in place;</li>
 * <li>checks for a non-finite loss or gradient and for loss and gradient-norm spikes, and
 * rejects the iteration (throws {@link Anomaly.Rejected}) before the optimizer touches
 * the parameters or its own state;</li>
 * <li>after the step, measures the update:parameter ratio per layer and overall (sampled
 * on large networks).</li>
 * </ul>
 * Each measurement is one pass over a flattened vector ({@link SquareSums}); nothing is
 * allocated per iteration.
 *
 * <p>
 * DL4J's raw gradient is the minibatch sum (its updater divides by the batch size before
 * clipping), so norms are divided by the batch size here, and clipping thresholds mean
 * what they mean in PyTorch.
 */
final class TrainingMonitor extends BaseTrainingListener {

	private static final double CLIP_EPSILON = 1e-6;

	private final MultiLayerNetwork network;

	private final ClippingSpec clipping;

	private final boolean perLayer;

	private final DivergenceSpec divergence;

	private final RollingWindow losses;

	private final RollingWindow gradientNorms;

	private final double valueClip;

	private ParameterLayout layout;

	private SquareSums gradientSums;

	private SquareSums paramSums;

	private double[] segmentSquares;

	private double[] clampedSquares;

	private double[] paramSquares;

	private double[] layerSquares;

	private double[] layerParamSquares;

	private EpochTelemetry epoch;

	private int epochNumber = 1;

	/** Every minibatch the run has tried, skipped or rolled back ones included. */
	private int attempts;

	private double lastGradientNorm = Double.NaN;

	/**
	 * The update:parameter ratio takes two more passes over the parameters; on large
	 * networks it is sampled every this many iterations (1 below 65,536 parameters, 10 at
	 * 655,360).
	 */
	private int ratioEvery = 1;

	TrainingMonitor(MultiLayerNetwork network, ClippingSpec clipping, DivergenceSpec divergence, boolean perLayer) {
		this.network = network;
		this.clipping = clipping;
		this.divergence = divergence;
		this.perLayer = perLayer;
		this.losses = new RollingWindow(divergence.window());
		this.gradientNorms = new RollingWindow(divergence.window());
		this.valueClip = clipping instanceof ClippingSpec.Value value ? value.threshold() : Double.NaN;
	}

	/** Starts collecting a new epoch's figures, dropping any collected so far. */
	void startEpoch(int number) {
		this.epochNumber = number;
		this.epoch = new EpochTelemetry(layout().layers().size());
	}

	/** The figures of the epoch so far. */
	EpochTelemetry epoch() {
		return this.epoch;
	}

	List<ParameterLayout.TrainableLayer> layers() {
		return layout().layers();
	}

	/** The global L2 norm of the last gradient, before clipping. */
	double lastGradientNorm() {
		return this.lastGradientNorm;
	}

	@Override
	public void onGradientCalculation(Model model) {
		this.attempts++;
		double loss = this.network.score();
		this.gradientSums.compute(1.0 / this.network.batchSize(), this.valueClip, this.segmentSquares,
				this.clampedSquares);
		double[] layerSquares = this.layout.perLayer(this.segmentSquares, this.layerSquares);
		double preClip = Math.sqrt(sum(layerSquares));
		this.lastGradientNorm = preClip;
		if (!Double.isFinite(loss)) {
			reject(Anomaly.Kind.NON_FINITE_LOSS, loss, null);
		}
		if (!Double.isFinite(preClip)) {
			reject(Anomaly.Kind.NON_FINITE_GRADIENT, preClip, null);
		}
		double scale = globalNormScale(preClip);
		double postClip = scale < 1 ? preClip * scale : postClipNorm(preClip, layerSquares);
		checkSpike(this.losses, loss, this.divergence.lossSpikeThreshold(), Anomaly.Kind.LOSS_SPIKE);
		checkSpike(this.gradientNorms, postClip, this.divergence.gradientNormSpikeThreshold(),
				Anomaly.Kind.GRADIENT_NORM_SPIKE);
		if (scale < 1) {
			this.gradientSums.scale(scale);
		}
		this.losses.add(loss);
		this.gradientNorms.add(postClip);
		this.epoch.addGradient(preClip, postClip, postClip < preClip * (1 - 1e-9));
		if (this.perLayer) {
			for (int layer = 0; layer < layerSquares.length; layer++) {
				this.epoch.addLayerGradient(layer, Math.sqrt(layerSquares[layer]));
			}
		}
	}

	@Override
	public void iterationDone(Model model, int iteration, int epoch) {
		Double learningRate = this.network.getLearningRate(this.layout.layers().get(0).index());
		this.epoch.addLearningRate(learningRate);
		if (this.attempts % this.ratioEvery != 0) {
			return;
		}
		// after the step the gradient view holds the update DL4J applied
		this.gradientSums.compute(1.0, Double.NaN, this.segmentSquares, null);
		this.paramSums.compute(1.0, Double.NaN, this.paramSquares, null);
		double[] updates = this.layout.perLayer(this.segmentSquares, this.layerSquares);
		double[] params = this.layout.perLayer(this.paramSquares, this.layerParamSquares);
		if (this.perLayer) {
			for (int layer = 0; layer < updates.length; layer++) {
				this.epoch.addLayerRatio(layer, Math.sqrt(updates[layer]), Math.sqrt(params[layer]));
			}
		}
		this.epoch.addRatio(Math.sqrt(sum(updates)), Math.sqrt(sum(params)));
	}

	/**
	 * Counts an iteration whose loss or gradient was not finite, whatever the policy does
	 * next.
	 */
	void countNonFinite() {
		this.epoch.countNonFinite();
	}

	/** L2 norms of the parameters: per layer, then overall as the last element. */
	double[] parameterNorms() {
		this.paramSums.compute(1.0, Double.NaN, this.paramSquares, null);
		double[] layers = this.layout.perLayer(this.paramSquares, this.layerParamSquares);
		double[] norms = new double[layers.length + 1];
		for (int layer = 0; layer < layers.length; layer++) {
			norms[layer] = Math.sqrt(layers[layer]);
		}
		norms[layers.length] = Math.sqrt(sum(layers));
		return norms;
	}

	/** Minibatches tried so far in this run. */
	int attempts() {
		return this.attempts;
	}

	/**
	 * An anomaly found outside a training step, e.g. in validation, at the current
	 * position.
	 */
	Anomaly anomaly(Anomaly.Kind kind, double value) {
		return new Anomaly(kind, this.epochNumber, this.attempts, value, null);
	}

	/** Whether the one-pass native-buffer path is in use (CPU, float32). */
	boolean readsBuffersDirectly() {
		return layout() != null && this.gradientSums.isDirect() && this.paramSums.isDirect();
	}

	/** The factor {@code global-norm} clipping scales the gradient by (1: untouched). */
	private double globalNormScale(double preClip) {
		if (this.clipping instanceof ClippingSpec.GlobalNorm global) {
			return Math.min(1, global.threshold() / (preClip + CLIP_EPSILON));
		}
		return 1;
	}

	/**
	 * The global norm after DL4J's own clipping, worked out from the norms just taken.
	 */
	private double postClipNorm(double preClip, double[] layerSquares) {
		if (this.clipping instanceof ClippingSpec.Value) {
			return Math.sqrt(sum(this.clampedSquares));
		}
		if (this.clipping instanceof ClippingSpec.L2PerLayer perLayer) {
			return clippedNorm(layerSquares, perLayer.threshold());
		}
		if (this.clipping instanceof ClippingSpec.L2PerParamType perParam) {
			return clippedNorm(this.segmentSquares, perParam.threshold());
		}
		if (this.clipping instanceof ClippingSpec.RenormalizeL2PerLayer) {
			return Math.sqrt(nonZero(layerSquares));
		}
		if (this.clipping instanceof ClippingSpec.RenormalizeL2PerParamType) {
			return Math.sqrt(nonZero(this.segmentSquares));
		}
		return preClip;
	}

	private void checkSpike(RollingWindow window, double value, double threshold, Anomaly.Kind kind) {
		if (threshold <= 0) {
			return;
		}
		double z = window.zScore(value);
		if (z > threshold) {
			reject(kind, value, z);
		}
	}

	private void reject(Anomaly.Kind kind, double value, Double zScore) {
		throw new Anomaly.Rejected(new Anomaly(kind, this.epochNumber, this.attempts, value, zScore));
	}

	/**
	 * The network's flattened gradient exists only once DL4J has set it up; bind to it
	 * lazily.
	 */
	private ParameterLayout layout() {
		if (this.layout == null) {
			if (this.network.getFlattenedGradients() == null) {
				this.network.initGradientsView();
			}
			this.layout = ParameterLayout.of(this.network);
			this.gradientSums = new SquareSums(this.network.getFlattenedGradients(), this.layout.gradientSegments());
			this.paramSums = new SquareSums(this.network.params(), this.layout.paramSegments());
			this.segmentSquares = new double[this.layout.segments()];
			this.clampedSquares = new double[this.layout.segments()];
			this.paramSquares = new double[this.layout.segments()];
			this.layerSquares = new double[this.layout.layers().size()];
			this.layerParamSquares = new double[this.layout.layers().size()];
			this.ratioEvery = (int) Math.max(1, this.network.numParams() / 65_536);
		}
		return this.layout;
	}

	private static double clippedNorm(double[] squares, double threshold) {
		double total = 0;
		for (double square : squares) {
			double clipped = Math.min(Math.sqrt(square), threshold);
			total += clipped * clipped;
		}
		return Math.sqrt(total);
	}

	private static long nonZero(double[] squares) {
		long count = 0;
		for (double square : squares) {
			if (square > 0) {
				count++;
			}
		}
		return count;
	}

	private static double sum(double[] values) {
		double total = 0;
		for (double value : values) {
			total += value;
		}
		return total;
	}

}
