package io.adamant.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.adamant.job.ClippingSpec;
import io.adamant.job.DivergenceSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The service's part of every training step, hooked into DL4J between backprop and the
 * optimizer ({@link #onGradientCalculation}) and after the step ({@link #iterationDone}):
 * <ul>
 * <li>measures the gradient of the mean minibatch loss: per-layer and global L2 norms
 * before clipping, and the global norm after clipping;</li>
 * <li>applies {@code global-norm} clipping, which DL4J lacks, by rescaling the network's
 * flattened gradient in place;</li>
 * <li>checks for a non-finite loss or gradient and for loss and gradient-norm spikes, and
 * rejects the iteration (throws {@link Anomaly.Rejected}) before the optimizer touches
 * the parameters or its own state;</li>
 * <li>after the step, measures the update:parameter ratio per layer and overall.</li>
 * </ul>
 * Reductions write into one preallocated scalar; nothing is allocated per iteration but
 * the op objects.
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

	private List<LayerViews> layers;

	private INDArray flatGradient;

	private INDArray scalar;

	private INDArray scratch;

	private EpochTelemetry epoch;

	private int epochNumber = 1;

	/** Every minibatch the run has tried, skipped or rolled back ones included. */
	private int attempts;

	TrainingMonitor(MultiLayerNetwork network, ClippingSpec clipping, DivergenceSpec divergence, boolean perLayer) {
		this.network = network;
		this.clipping = clipping;
		this.divergence = divergence;
		this.perLayer = perLayer;
		this.losses = new RollingWindow(divergence.window());
		this.gradientNorms = new RollingWindow(divergence.window());
	}

	/** Starts collecting a new epoch's figures, dropping any collected so far. */
	void startEpoch(int number) {
		this.epochNumber = number;
		this.epoch = new EpochTelemetry(layerCount());
	}

	/** The figures of the epoch so far. */
	EpochTelemetry epoch() {
		return this.epoch;
	}

	List<LayerViews> layers() {
		bind();
		return this.layers;
	}

	@Override
	public void onGradientCalculation(Model model) {
		bind();
		this.attempts++;
		int batch = this.network.batchSize();
		double loss = this.network.score();
		double preClip = measureGradient(batch);
		if (!Double.isFinite(loss)) {
			reject(Anomaly.Kind.NON_FINITE_LOSS, loss, null);
		}
		if (!Double.isFinite(preClip)) {
			reject(Anomaly.Kind.NON_FINITE_GRADIENT, preClip, null);
		}
		double scale = globalNormScale(preClip);
		double postClip = scale < 1 ? preClip * scale : postClipNorm(preClip, batch);
		checkSpike(this.losses, loss, this.divergence.lossSpikeThreshold(), Anomaly.Kind.LOSS_SPIKE);
		checkSpike(this.gradientNorms, postClip, this.divergence.gradientNormSpikeThreshold(),
				Anomaly.Kind.GRADIENT_NORM_SPIKE);
		if (scale < 1) {
			this.flatGradient.muli(scale);
		}
		this.losses.add(loss);
		this.gradientNorms.add(postClip);
		this.epoch.addGradient(preClip, postClip, postClip < preClip * (1 - 1e-9));
	}

	@Override
	public void iterationDone(Model model, int iteration, int epoch) {
		Double learningRate = this.network.getLearningRate(this.layers.get(0).index());
		double updateSquares = 0;
		double paramSquares = 0;
		if (this.perLayer) {
			for (LayerViews layer : this.layers) {
				// after the step the gradient view holds the update DL4J applied
				double update = norm(layer.gradient());
				double param = norm(layer.params());
				this.epoch.addLayerRatio(layer.position(), update, param);
				updateSquares += update * update;
				paramSquares += param * param;
			}
		}
		else {
			updateSquares = square(norm(this.flatGradient));
			paramSquares = square(norm(this.network.params()));
		}
		this.epoch.addStep(learningRate, Math.sqrt(updateSquares), Math.sqrt(paramSquares));
	}

	/**
	 * Counts an iteration whose loss or gradient was not finite, whatever the policy does
	 * next.
	 */
	void countNonFinite() {
		this.epoch.countNonFinite();
	}

	/** L2 norms of the parameters, per layer and overall, at the end of an epoch. */
	double[] parameterNorms() {
		double[] norms = new double[this.layers.size() + 1];
		double squares = 0;
		for (LayerViews layer : this.layers) {
			norms[layer.position()] = norm(layer.params());
			squares += square(norms[layer.position()]);
		}
		norms[this.layers.size()] = Math.sqrt(squares);
		return norms;
	}

	/**
	 * Global (and, when asked, per-layer) norm of the mean-loss gradient, before
	 * clipping.
	 */
	private double measureGradient(int batch) {
		if (!this.perLayer && !needsLayerNorms()) {
			return norm(this.flatGradient) / batch;
		}
		double squares = 0;
		for (LayerViews layer : this.layers) {
			double layerNorm = needsParamNorms() ? layer.measureParams(this::norm, batch)
					: norm(layer.gradient()) / batch;
			layer.setGradientNorm(layerNorm);
			squares += layerNorm * layerNorm;
			if (this.perLayer) {
				this.epoch.addLayerGradient(layer.position(), layerNorm);
			}
		}
		return Math.sqrt(squares);
	}

	/** The factor {@code global-norm} clipping scales the gradient by (1: untouched). */
	private double globalNormScale(double preClip) {
		if (this.clipping instanceof ClippingSpec.GlobalNorm global) {
			double coefficient = global.threshold() / (preClip + CLIP_EPSILON);
			return Math.min(1, coefficient);
		}
		return 1;
	}

	/**
	 * The global norm after DL4J's own clipping, worked out from the norms already taken
	 * (element-wise clipping needs one clamped copy).
	 */
	private double postClipNorm(double preClip, int batch) {
		if (this.clipping instanceof ClippingSpec.Value value) {
			this.scratch.assign(this.flatGradient).divi(batch);
			Transforms.min(this.scratch, value.threshold(), false);
			Transforms.max(this.scratch, -value.threshold(), false);
			return norm(this.scratch);
		}
		if (this.clipping instanceof ClippingSpec.L2PerLayer perLayer) {
			return Math.sqrt(this.layers.stream()
				.mapToDouble(l -> square(Math.min(l.gradientNorm(), perLayer.threshold())))
				.sum());
		}
		if (this.clipping instanceof ClippingSpec.L2PerParamType perParam) {
			return Math.sqrt(this.layers.stream().mapToDouble(l -> l.clippedParamSquares(perParam.threshold())).sum());
		}
		if (this.clipping instanceof ClippingSpec.RenormalizeL2PerLayer) {
			return Math.sqrt(this.layers.stream().filter(l -> l.gradientNorm() > 0).count());
		}
		if (this.clipping instanceof ClippingSpec.RenormalizeL2PerParamType) {
			return Math.sqrt(this.layers.stream().mapToLong(LayerViews::nonZeroParams).sum());
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
	 * An anomaly found outside a training step, e.g. in validation, at the current
	 * position.
	 */
	Anomaly anomaly(Anomaly.Kind kind, double value) {
		return new Anomaly(kind, this.epochNumber, this.attempts, value, null);
	}

	private boolean needsLayerNorms() {
		return !(this.clipping instanceof ClippingSpec.None || this.clipping instanceof ClippingSpec.GlobalNorm
				|| this.clipping instanceof ClippingSpec.Value);
	}

	private boolean needsParamNorms() {
		return this.clipping instanceof ClippingSpec.L2PerParamType
				|| this.clipping instanceof ClippingSpec.RenormalizeL2PerParamType;
	}

	private double norm(INDArray array) {
		Nd4j.getExecutioner().exec(new Norm2(array, this.scalar));
		return this.scalar.getDouble(0);
	}

	private static double square(double value) {
		return value * value;
	}

	private int layerCount() {
		return layers().size();
	}

	/**
	 * Views into the network's flattened arrays; they stay valid for the network's life.
	 */
	private void bind() {
		if (this.layers != null) {
			return;
		}
		if (this.network.getFlattenedGradients() == null) {
			this.network.initGradientsView();
		}
		this.flatGradient = this.network.getFlattenedGradients();
		this.scalar = Nd4j.scalar(this.flatGradient.dataType(), 0);
		this.scratch = this.clipping instanceof ClippingSpec.Value ? this.flatGradient.ulike() : null;
		List<LayerViews> views = new ArrayList<>();
		Layer[] networkLayers = this.network.getLayers();
		for (int i = 0; i < networkLayers.length; i++) {
			Layer layer = networkLayers[i];
			if (layer.numParams() == 0) {
				continue;
			}
			Map<String, INDArray> paramGradients = layer.conf()
				.getLayer()
				.initializer()
				.getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
			views.add(new LayerViews(views.size(), i, describe(layer), layer.numParams(), layer.getGradientsViewArray(),
					layer.params(), List.copyOf(paramGradients.values())));
		}
		this.layers = List.copyOf(views);
	}

	private static String describe(Layer layer) {
		org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
		String type = conf.getClass().getSimpleName().replace("Layer", "").toLowerCase(java.util.Locale.ROOT);
		if (conf instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer feedForward) {
			return "%s %d→%d".formatted(type.isEmpty() ? "layer" : type, feedForward.getNIn(), feedForward.getNOut());
		}
		return type;
	}

}
