package io.adamant.training;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of one LSTM layer's pass over a batch of sequences, for
 * {@link ContiguousLstm}: allocated once per shape, with a view per time step made once.
 * Each quantity is one column-major [batch, width, steps] array whose step {@code t} is a
 * contiguous [batch, width] matrix. Gate blocks keep DL4J's order and meaning: block
 * input (the layer's activation, tanh), forget gate, output gate, input gate (sigmoid);
 * the block input's pre-activation stays in the gate array, its tanh goes to
 * {@code blockInput}.
 *
 * <p>
 * A step is two matrix products and seven element-wise operations forward, four products
 * and thirteen operations back; the weight gradients accumulate in place.
 */
final class LstmSequence {

	private static final int BLOCK_INPUT = 0;

	private static final int FORGET = 1;

	private static final int OUTPUT = 2;

	private static final int INPUT_GATE = 3;

	private final long batch;

	private final long inputs;

	private final long units;

	private final int steps;

	// the forward pass

	private final INDArray input;

	private final INDArray initialOutput;

	private final INDArray initialCell;

	private final INDArray gates;

	private final INDArray blockInput;

	private final INDArray cell;

	private final INDArray cellTanh;

	private final INDArray output;

	// its backprop

	private final INDArray outputGradient;

	private final INDArray deltas;

	private final INDArray gateSlopes;

	private final INDArray blockInputSlopes;

	private final INDArray cellTanhSlopes;

	private final INDArray inputGradient;

	private final INDArray[] cellGradients;

	private final INDArray product;

	// DL4J's parameters and their gradients, copied, so that the bound operations keep
	// their arrays

	private final INDArray inputWeights;

	private final INDArray recurrentWeights;

	private final INDArray biases;

	private final INDArray inputWeightGradient;

	private final INDArray recurrentWeightGradient;

	/** [4 × units, 1]: the deltas summed over the batch, then over the steps. */
	private final INDArray biasGradient;

	private final Steps stepOf;

	private final BoundOp[][] forwardSteps;

	private final BoundOp[][] backwardSteps;

	private final BoundOp[] biasGradientSums;

	private final FwdPassReturn trace = new FwdPassReturn();

	LstmSequence(long batch, long inputs, long units, int steps) {
		this.batch = batch;
		this.inputs = inputs;
		this.units = units;
		this.steps = steps;
		this.input = sequence(inputs);
		this.initialOutput = matrix();
		this.initialCell = matrix();
		this.gates = sequence(4 * units);
		this.blockInput = sequence(units);
		this.cell = sequence(units);
		this.cellTanh = sequence(units);
		this.output = sequence(units);
		this.outputGradient = sequence(units);
		this.deltas = sequence(4 * units);
		this.gateSlopes = sequence(4 * units);
		this.blockInputSlopes = sequence(units);
		this.cellTanhSlopes = sequence(units);
		this.inputGradient = sequence(inputs);
		this.cellGradients = new INDArray[] { matrix(), matrix() };
		this.product = matrix();
		this.inputWeights = Nd4j.create(DataType.FLOAT, new long[] { inputs, 4 * units }, 'f');
		this.recurrentWeights = Nd4j.create(DataType.FLOAT, new long[] { units, 4 * units }, 'f');
		this.biases = Nd4j.create(DataType.FLOAT, 4 * units);
		this.inputWeightGradient = this.inputWeights.ulike();
		this.recurrentWeightGradient = this.recurrentWeights.ulike();
		this.biasGradient = Nd4j.create(DataType.FLOAT, new long[] { 4 * units, 1 }, 'f');
		this.stepOf = new Steps(this);
		this.forwardSteps = new BoundOp[steps][];
		this.backwardSteps = new BoundOp[steps][];
		for (int t = 0; t < steps; t++) {
			this.forwardSteps[t] = forwardStep(t);
			this.backwardSteps[t] = backwardStep(t);
		}
		this.biasGradientSums = biasGradientSums();
	}

	long bytes() {
		return 4 * (3 * 4 * this.units + 7 * this.units + 2 * this.inputs) * this.batch * this.steps;
	}

	long[] outputShape() {
		return this.output.shape();
	}

	long[] inputShape() {
		return this.input.shape();
	}

	INDArray output() {
		return this.output;
	}

	INDArray inputGradient() {
		return this.inputGradient;
	}

	/** Whether the kept pass started from these states. */
	boolean startsFrom(INDArray initialOutput, INDArray initialCell) {
		return !initialOutput.neq(this.initialOutput).any() && !initialCell.neq(this.initialCell).any();
	}

	void forward(INDArray input, INDArray inputWeights, INDArray recurrentWeights, INDArray biases,
			INDArray initialOutput, INDArray initialCell) {
		this.input.assign(input);
		this.inputWeights.assign(inputWeights);
		this.recurrentWeights.assign(recurrentWeights);
		this.biases.assign(biases.reshape(4 * this.units));
		this.initialOutput.assign(initialOutput);
		this.initialCell.assign(initialCell);
		// every step starts from the biases; the two products add to them
		Nd4j.getExecutioner().exec(new BroadcastCopyOp(this.gates, this.biases, this.gates, 1));
		for (BoundOp[] step : this.forwardSteps) {
			run(step);
		}
	}

	private BoundOp[] forwardStep(int t) {
		Steps s = this.stepOf;
		INDArray previousOutput = t == 0 ? this.initialOutput : s.output[t - 1];
		INDArray previousCell = t == 0 ? this.initialCell : s.cell[t - 1];
		return new BoundOp[] { BoundOp.matmul(s.input[t], false, this.inputWeights, false, s.gates[t], true),
				BoundOp.matmul(previousOutput, false, this.recurrentWeights, false, s.gates[t], true),
				// forget, output and input gates are adjacent blocks: one sigmoid
				BoundOp.sigmoid(s.sigmoidGates[t], s.sigmoidGates[t]),
				BoundOp.tanh(s.gate[BLOCK_INPUT][t], s.blockInput[t]),
				BoundOp.multiply(s.gate[FORGET][t], previousCell, s.cell[t]),
				BoundOp.multiply(s.gate[INPUT_GATE][t], s.blockInput[t], this.product),
				BoundOp.add(s.cell[t], this.product, s.cell[t]), BoundOp.tanh(s.cell[t], s.cellTanh[t]),
				BoundOp.multiply(s.gate[OUTPUT][t], s.cellTanh[t], s.output[t]) };
	}

	/**
	 * Backprop through time. With {@code dH} the loss's gradient by a step's output (from
	 * above, plus from the next step through the recurrent weights) and {@code dC} by its
	 * cell state: the output gate's delta is {@code dH · tanh(c) · o(1 − o)};
	 * {@code dC = dH · o · (1 − tanh²c) + dC' · f'}; then forget
	 * {@code dC · c₋₁ · f(1 − f)}, input gate {@code dC · z · g(1 − g)} and block input
	 * {@code dC · g · (1 − z²)}.
	 */
	void backward(INDArray epsilon, INDArray inputWeights, INDArray recurrentWeights, INDArray inputWeightGradient,
			INDArray recurrentWeightGradient, INDArray biasGradient) {
		this.outputGradient.assign(epsilon);
		this.inputWeights.assign(inputWeights);
		this.recurrentWeights.assign(recurrentWeights);
		// σ(1 − σ) of every gate at once; the block input's part is not used
		Nd4j.exec(new TimesOneMinus(this.gates, this.gateSlopes));
		oneMinusSquare(this.blockInput, this.blockInputSlopes);
		oneMinusSquare(this.cellTanh, this.cellTanhSlopes);
		for (int t = this.steps - 1; t >= 0; t--) {
			run(this.backwardSteps[t]);
		}
		run(this.biasGradientSums);
		inputWeightGradient.assign(this.inputWeightGradient);
		recurrentWeightGradient.assign(this.recurrentWeightGradient);
		biasGradient.assign(this.biasGradient.reshape(biasGradient.shape()));
	}

	private BoundOp[] backwardStep(int t) {
		Steps s = this.stepOf;
		boolean last = t == this.steps - 1;
		INDArray dH = s.outputGradient[t];
		INDArray dC = this.cellGradients[t % 2];
		INDArray previousCell = t == 0 ? this.initialCell : s.cell[t - 1];
		INDArray previousOutput = t == 0 ? this.initialOutput : s.output[t - 1];
		List<BoundOp> ops = new ArrayList<>();
		if (!last) {
			ops.add(BoundOp.matmul(s.deltas[t + 1], false, this.recurrentWeights, true, dH, true));
		}
		product(ops, dH, s.cellTanh[t], s.slope[OUTPUT][t], s.delta[OUTPUT][t]);
		product(ops, dH, s.gate[OUTPUT][t], s.cellTanhSlopes[t], dC);
		if (!last) {
			ops.add(BoundOp.multiply(this.cellGradients[(t + 1) % 2], s.gate[FORGET][t + 1], this.product));
			ops.add(BoundOp.add(dC, this.product, dC));
		}
		product(ops, dC, previousCell, s.slope[FORGET][t], s.delta[FORGET][t]);
		product(ops, dC, s.blockInput[t], s.slope[INPUT_GATE][t], s.delta[INPUT_GATE][t]);
		product(ops, dC, s.gate[INPUT_GATE][t], s.blockInputSlopes[t], s.delta[BLOCK_INPUT][t]);
		// the first step backprop reaches (the last in time) starts the sums
		ops.add(BoundOp.matmul(previousOutput, true, s.deltas[t], false, this.recurrentWeightGradient, !last));
		ops.add(BoundOp.matmul(s.input[t], true, s.deltas[t], false, this.inputWeightGradient, !last));
		ops.add(BoundOp.matmul(s.deltas[t], false, this.inputWeights, true, s.inputGradient[t], false));
		return ops.toArray(BoundOp[]::new);
	}

	/** The deltas summed over the batch, then over the steps: two products with ones. */
	private BoundOp[] biasGradientSums() {
		long columns = 4 * this.units * this.steps;
		INDArray allDeltas = Nd4j.create(this.deltas.data(), new long[] { this.batch, columns },
				new long[] { 1, this.batch }, this.deltas.offset(), 1, 'f');
		INDArray perStep = Nd4j.create(DataType.FLOAT, new long[] { 1, columns }, 'f');
		INDArray perStepByGate = Nd4j.create(perStep.data(), new long[] { 4 * this.units, this.steps },
				new long[] { 1, 4 * this.units }, perStep.offset(), 1, 'f');
		return new BoundOp[] {
				BoundOp.matmul(Nd4j.ones(DataType.FLOAT, 1, this.batch), false, allDeltas, false, perStep, false),
				BoundOp.matmul(perStepByGate, false, Nd4j.ones(DataType.FLOAT, this.steps, 1), false, this.biasGradient,
						false) };
	}

	/** The pass for DL4J's backprop, which hands it back to {@link ContiguousLstm}. */
	FwdPassReturn trace() {
		this.trace.fwdPassOutput = this.output;
		this.trace.prevAct = this.initialOutput;
		this.trace.prevMemCell = this.initialCell;
		return withLastStep(this.trace);
	}

	boolean owns(FwdPassReturn pass) {
		return pass == this.trace;
	}

	/** A forward pass's result for DL4J, with its output copied out of these arrays. */
	FwdPassReturn result(INDArray outputCopy) {
		FwdPassReturn result = new FwdPassReturn();
		result.fwdPassOutput = outputCopy;
		return withLastStep(result);
	}

	/** DL4J's per-step arrays, as views of these, for DL4J's own backprop. */
	void exposeToDl4j() {
		Steps s = this.stepOf;
		this.trace.fwdPassOutputAsArrays = s.output.clone();
		this.trace.memCellState = s.cell.clone();
		this.trace.memCellActivations = s.cellTanh.clone();
		this.trace.iz = s.gate[BLOCK_INPUT].clone();
		this.trace.ia = s.blockInput.clone();
		this.trace.fa = s.gate[FORGET].clone();
		this.trace.oa = s.gate[OUTPUT].clone();
		this.trace.ga = s.gate[INPUT_GATE].clone();
	}

	/** Copies, since DL4J keeps these as the state for the next call. */
	private FwdPassReturn withLastStep(FwdPassReturn pass) {
		pass.lastAct = this.stepOf.output[this.steps - 1].dup('f');
		pass.lastMemCell = this.stepOf.cell[this.steps - 1].dup('f');
		return pass;
	}

	private INDArray sequence(long width) {
		return Nd4j.create(DataType.FLOAT, new long[] { this.batch, width, this.steps }, 'f');
	}

	private INDArray matrix() {
		return Nd4j.create(DataType.FLOAT, new long[] { this.batch, this.units }, 'f');
	}

	/** {@code result = a · b · c}, element-wise. */
	private static void product(List<BoundOp> ops, INDArray a, INDArray b, INDArray c, INDArray result) {
		ops.add(BoundOp.multiply(a, b, result));
		ops.add(BoundOp.multiply(result, c, result));
	}

	private static void run(BoundOp[] ops) {
		for (BoundOp op : ops) {
			op.run();
		}
	}

	private static void oneMinusSquare(INDArray values, INDArray result) {
		Nd4j.exec(new MulOp(values, values, result));
		result.rsubi(1.0);
	}

	/** Every array's per-step views, made once: views cost as much as an operation. */
	private static final class Steps {

		final INDArray[] input;

		final INDArray[] gates;

		final INDArray[] sigmoidGates;

		final INDArray[][] gate = new INDArray[4][];

		final INDArray[] blockInput;

		final INDArray[] cell;

		final INDArray[] cellTanh;

		final INDArray[] output;

		final INDArray[] outputGradient;

		final INDArray[] deltas;

		final INDArray[][] delta = new INDArray[4][];

		final INDArray[][] slope = new INDArray[4][];

		final INDArray[] blockInputSlopes;

		final INDArray[] cellTanhSlopes;

		final INDArray[] inputGradient;

		Steps(LstmSequence sequence) {
			long units = sequence.units;
			this.input = views(sequence, sequence.input, 0, sequence.inputs);
			this.gates = views(sequence, sequence.gates, 0, 4 * units);
			this.sigmoidGates = views(sequence, sequence.gates, FORGET * units, 3 * units);
			this.blockInput = views(sequence, sequence.blockInput, 0, units);
			this.cell = views(sequence, sequence.cell, 0, units);
			this.cellTanh = views(sequence, sequence.cellTanh, 0, units);
			this.output = views(sequence, sequence.output, 0, units);
			this.outputGradient = views(sequence, sequence.outputGradient, 0, units);
			this.deltas = views(sequence, sequence.deltas, 0, 4 * units);
			this.blockInputSlopes = views(sequence, sequence.blockInputSlopes, 0, units);
			this.cellTanhSlopes = views(sequence, sequence.cellTanhSlopes, 0, units);
			this.inputGradient = views(sequence, sequence.inputGradient, 0, sequence.inputs);
			for (int block = 0; block < 4; block++) {
				this.gate[block] = views(sequence, sequence.gates, block * units, units);
				this.delta[block] = views(sequence, sequence.deltas, block * units, units);
				this.slope[block] = views(sequence, sequence.gateSlopes, block * units, units);
			}
		}

		/**
		 * Each step's [batch, width] columns from column {@code from} of a [batch,
		 * columns, steps] array.
		 */
		private static INDArray[] views(LstmSequence sequence, INDArray array, long from, long width) {
			long rows = sequence.batch;
			long stepLength = array.size(1) * rows;
			INDArray[] views = new INDArray[sequence.steps];
			for (int t = 0; t < views.length; t++) {
				views[t] = Nd4j.create(array.data(), new long[] { rows, width }, new long[] { 1, rows },
						array.offset() + t * stepLength + from * rows, 1, 'f');
			}
			return views;
		}

	}

}
