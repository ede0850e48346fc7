package io.adamant.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@code LSTM} layer, forward and backprop, in a few operations per time step on
 * arrays that stay allocated between training steps. DL4J M2.1's own loop runs about 25
 * small operations a step, each with its views, copies and workspace scopes, and runs the
 * forward pass twice per training step: its cache mode is switched off for LSTMs. Here
 * every step's gates, cell state and output are contiguous column-major slices of one
 * array per quantity ({@link LstmSequence}), whose views are made once per shape; the
 * forward pass of a training step is kept for its backprop.
 *
 * <p>
 * Covers float input without masks or peepholes, sigmoid gates and tanh activation,
 * forward in time: what a job spec builds. Elsewhere this returns {@code null} and DL4J's
 * own code runs; for truncated backprop it gets the per-step arrays DL4J's backprop
 * expects, as views of the kept pass. One instance serves one layer of one network, which
 * DL4J never runs on two threads at once.
 */
final class ContiguousLstm implements LSTMHelper {

	/**
	 * A few shapes' arrays: an epoch's last batch is often smaller, and validation may
	 * use another batch size.
	 */
	private static final int SHAPES_KEPT = 3;

	/** Beyond one shape's arrays, what the kept shapes may hold together. */
	private static final long BYTES_KEPT = 512L << 20;

	private final Map<List<Long>, LstmSequence> sequences = new LinkedHashMap<>(4, 0.75f, true);

	/** The last forward pass's arrays. */
	private LstmSequence sequence;

	/** The training forward pass the arrays of {@link #sequence} hold, if any. */
	private KeptPass kept;

	@Override
	public boolean checkSupported(IActivation gateActivationFn, IActivation activationFn,
			boolean hasPeepholeConnections) {
		return gateActivationFn instanceof ActivationSigmoid && activationFn instanceof ActivationTanH
				&& !hasPeepholeConnections;
	}

	@Override
	public boolean checkSupported() {
		return true;
	}

	@Override
	public Map<String, Long> helperMemoryUse() {
		return Map.of("sequences", bytesKept());
	}

	private long bytesKept() {
		return this.sequences.values().stream().mapToLong(LstmSequence::bytes).sum();
	}

	@Override
	public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn,
			INDArray input, INDArray recurrentWeights, INDArray inputWeights, INDArray biases, boolean training,
			INDArray prevOutputActivations, INDArray prevMemCellState, boolean forBackprop, boolean forwards,
			String inputWeightKey, INDArray maskArray, boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
		if (!forwards || maskArray != null || input.rank() != 3 || input.dataType() != DataType.FLOAT
				|| !checkSupported(gateActivationFn, ((BaseLayer) conf.getLayer()).getActivationFn(),
						hasPeepholeConnections)) {
			return null;
		}
		KeptPass pass = new KeptPass(input, inputWeights, recurrentWeights, biases);
		if (forBackprop && pass.equals(this.kept)
				&& this.sequence.startsFrom(prevOutputActivations, prevMemCellState)) {
			// DL4J's backprop asks for the pass its forward pass just ran
			this.kept = null;
			return this.sequence.trace();
		}
		this.kept = null;
		LstmSequence sequence = sequenceFor(input.size(0), inputWeights.size(0), recurrentWeights.size(0),
				input.size(2));
		sequence.forward(input, inputWeights, recurrentWeights, biases, prevOutputActivations, prevMemCellState);
		if (forBackprop) {
			return sequence.trace();
		}
		if (training) {
			this.kept = pass;
		}
		INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, DataType.FLOAT, sequence.outputShape(), 'f');
		return sequence.result(output.assign(sequence.output()));
	}

	@Override
	public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn,
			INDArray input, INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon, boolean truncatedBPTT,
			int tbpttBackwardLength, FwdPassReturn fwdPass, boolean forwards, String inputWeightKey,
			String recurrentWeightKey, String biasWeightKey, Map<String, INDArray> gradientViews, INDArray maskArray,
			boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
		if (this.sequence == null || !this.sequence.owns(fwdPass)) {
			return null;
		}
		if (truncatedBPTT || maskArray != null || !forwards || epsilon.rank() != 3) {
			this.sequence.exposeToDl4j();
			return null;
		}
		INDArray inputWeightGradient = gradientViews.get(inputWeightKey);
		INDArray recurrentWeightGradient = gradientViews.get(recurrentWeightKey);
		INDArray biasGradient = gradientViews.get(biasWeightKey);
		this.sequence.backward(epsilon, inputWeights, recurrentWeights, inputWeightGradient, recurrentWeightGradient,
				biasGradient);
		INDArray inputGradient = this.sequence.copyInputGradient(
				workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, this.sequence.inputShape(), 'f'));
		Gradient gradient = new DefaultGradient();
		gradient.gradientForVariable().put(inputWeightKey, inputWeightGradient);
		gradient.gradientForVariable().put(recurrentWeightKey, recurrentWeightGradient);
		gradient.gradientForVariable().put(biasWeightKey, biasGradient);
		return new Pair<>(gradient, inputGradient);
	}

	private LstmSequence sequenceFor(long batch, long inputs, long units, long steps) {
		List<Long> shape = List.of(batch, inputs, units, steps);
		LstmSequence found = this.sequences.get(shape);
		if (found == null) {
			// outside DL4J's workspaces: these arrays outlive every training step
			try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
				found = new LstmSequence(batch, inputs, units, (int) steps);
			}
			this.sequences.put(shape, found);
			// least recently used first; the one just made is the last
			while (this.sequences.size() > 1 && (this.sequences.size() > SHAPES_KEPT || bytesKept() > BYTES_KEPT)) {
				this.sequences.remove(this.sequences.keySet().iterator().next());
			}
		}
		this.sequence = found;
		return found;
	}

	/**
	 * What a forward pass was computed from, by identity: DL4J hands the backprop's
	 * request the same input and parameter arrays when nothing changed in between.
	 */
	private record KeptPass(INDArray input, INDArray inputWeights, INDArray recurrentWeights, INDArray biases) {

		@Override
		public boolean equals(Object other) {
			return other instanceof KeptPass pass && pass.input == this.input && pass.inputWeights == this.inputWeights
					&& pass.recurrentWeights == this.recurrentWeights && pass.biases == this.biases;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.input);
		}

	}

}
