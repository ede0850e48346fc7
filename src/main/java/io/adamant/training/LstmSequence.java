package io.adamant.training;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of one LSTM layer's pass over a batch of sequences, for
 * {@link ContiguousLstm}: allocated once per shape, outside DL4J's workspaces, with a
 * view per time step made once and every per-step operation bound once to its arrays
 * ({@link BoundOp}). Each quantity is one column-major [batch, width, steps] array whose
 * step {@code t} is a contiguous [batch, width] matrix. Gate blocks keep DL4J's order and
 * meaning: block input (the layer's activation, tanh), forget gate, output gate, input
 * gate (sigmoid); the block input's pre-activation stays in the gate array, its tanh goes
 * to {@code blockInput}.
 *
 * <p>
 * A step is two matrix products and seven element-wise operations forward, four products
 * and thirteen operations back; the weight gradients accumulate in place. Backprop's
 * arrays come with the first backprop, so that a network that only predicts holds the
 * forward pass's alone.
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

	private final INDArray input;

	private final INDArray initialOutput;

	private final INDArray initialCell;

	private final INDArray gates;

	private final INDArray blockInput;

	private final INDArray cell;

	private final INDArray cellTanh;

	private final INDArray output;

	private final INDArray product;

	// DL4J's parameters, copied, so that the bound operations keep their arrays

	private final INDArray inputWeights;

	private final INDArray recurrentWeights;

	private final INDArray biases;

	// per step: views, then the forward pass's operations

	private final INDArray[] inputOf;

	private final INDArray[] gatesOf;

	private final INDArray[] sigmoidGatesOf;

	private final INDArray[][] gateOf = new INDArray[4][];

	private final INDArray[] blockInputOf;

	private final INDArray[] cellOf;

	private final INDArray[] cellTanhOf;

	private final INDArray[] outputOf;

	private final BoundOp[][] forwardSteps;

	private Backprop backprop;

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
		this.product = matrix();
		this.inputWeights = Nd4j.create(DataType.FLOAT, new long[] { inputs, 4 * units }, 'f');
		this.recurrentWeights = Nd4j.create(DataType.FLOAT, new long[] { units, 4 * units }, 'f');
		this.biases = Nd4j.create(DataType.FLOAT, 4 * units);
		this.inputOf = stepViews(this.input, 0, inputs);
		this.gatesOf = stepViews(this.gates, 0, 4 * units);
		this.sigmoidGatesOf = stepViews(this.gates, FORGET * units, 3 * units);
		for (int block = 0; block < 4; block++) {
			this.gateOf[block] = stepViews(this.gates, block * units, units);
		}
		this.blockInputOf = stepViews(this.blockInput, 0, units);
		this.cellOf = stepViews(this.cell, 0, units);
		this.cellTanhOf = stepViews(this.cellTanh, 0, units);
		this.outputOf = stepViews(this.output, 0, units);
		this.forwardSteps = new BoundOp[steps][];
		for (int t = 0; t < steps; t++) {
			this.forwardSteps[t] = forwardStep(t);
		}
	}

	/** Bytes held: the forward pass's arrays, and backprop's once it ran. */
	long bytes() {
		long perColumn = 4 * this.batch * this.steps;
		long forward = (8 * this.units + this.inputs) * perColumn;
		return this.backprop == null ? forward : forward + (11 * this.units + this.inputs) * perColumn;
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
		INDArray previousOutput = t == 0 ? this.initialOutput : this.outputOf[t - 1];
		INDArray previousCell = t == 0 ? this.initialCell : this.cellOf[t - 1];
		INDArray[][] gate = this.gateOf;
		return new BoundOp[] { BoundOp.matmul(this.inputOf[t], false, this.inputWeights, false, this.gatesOf[t], true),
				BoundOp.matmul(previousOutput, false, this.recurrentWeights, false, this.gatesOf[t], true),
				// forget, output and input gates are adjacent blocks: one sigmoid
				BoundOp.sigmoid(this.sigmoidGatesOf[t], this.sigmoidGatesOf[t]),
				BoundOp.tanh(gate[BLOCK_INPUT][t], this.blockInputOf[t]),
				BoundOp.multiply(gate[FORGET][t], previousCell, this.cellOf[t]),
				BoundOp.multiply(gate[INPUT_GATE][t], this.blockInputOf[t], this.product),
				BoundOp.add(this.cellOf[t], this.product, this.cellOf[t]),
				BoundOp.tanh(this.cellOf[t], this.cellTanhOf[t]),
				BoundOp.multiply(gate[OUTPUT][t], this.cellTanhOf[t], this.outputOf[t]) };
	}

	/**
	 * Backprop through the kept pass, into DL4J's gradient arrays; the gradient by the
	 * input is then {@link #copyInputGradient}'s.
	 */
	void backward(INDArray epsilon, INDArray inputWeights, INDArray recurrentWeights, INDArray inputWeightGradient,
			INDArray recurrentWeightGradient, INDArray biasGradient) {
		if (this.backprop == null) {
			try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
				this.backprop = new Backprop();
			}
		}
		this.inputWeights.assign(inputWeights);
		this.recurrentWeights.assign(recurrentWeights);
		this.backprop.run(epsilon, inputWeightGradient, recurrentWeightGradient, biasGradient);
	}

	INDArray copyInputGradient(INDArray target) {
		return target.assign(this.backprop.inputGradient);
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
		this.trace.fwdPassOutputAsArrays = this.outputOf.clone();
		this.trace.memCellState = this.cellOf.clone();
		this.trace.memCellActivations = this.cellTanhOf.clone();
		this.trace.iz = this.gateOf[BLOCK_INPUT].clone();
		this.trace.ia = this.blockInputOf.clone();
		this.trace.fa = this.gateOf[FORGET].clone();
		this.trace.oa = this.gateOf[OUTPUT].clone();
		this.trace.ga = this.gateOf[INPUT_GATE].clone();
	}

	/** Copies, since DL4J keeps these as the state for the next call. */
	private FwdPassReturn withLastStep(FwdPassReturn pass) {
		pass.lastAct = this.outputOf[this.steps - 1].dup('f');
		pass.lastMemCell = this.cellOf[this.steps - 1].dup('f');
		return pass;
	}

	private INDArray sequence(long width) {
		return Nd4j.create(DataType.FLOAT, new long[] { this.batch, width, this.steps }, 'f');
	}

	private INDArray matrix() {
		return Nd4j.create(DataType.FLOAT, new long[] { this.batch, this.units }, 'f');
	}

	/**
	 * Each step's [batch, width] columns from column {@code from} of a [batch, columns,
	 * steps] array. Views cost about as much as an operation, so they are made once.
	 */
	private INDArray[] stepViews(INDArray array, long from, long width) {
		INDArray[] views = new INDArray[this.steps];
		for (int t = 0; t < views.length; t++) {
			views[t] = stepView(array, t, from, width);
		}
		return views;
	}

	private static void run(BoundOp[] ops) {
		for (BoundOp op : ops) {
			op.run();
		}
	}

	/**
	 * Backprop through time. With {@code dH} the loss's gradient by a step's output (from
	 * above, plus from the next step through the recurrent weights) and {@code dC} by its
	 * cell state: the output gate's delta is {@code dH · tanh(c) · o(1 − o)};
	 * {@code dC = dH · o · (1 − tanh²c) + dC' · f'}; then forget
	 * {@code dC · c₋₁ · f(1 − f)}, input gate {@code dC · z · g(1 − g)} and block input
	 * {@code dC · g · (1 − z²)}.
	 */
	private final class Backprop {

		private final INDArray outputGradient = sequence(LstmSequence.this.units);

		private final INDArray deltas = sequence(4 * LstmSequence.this.units);

		private final INDArray gateSlopes = sequence(4 * LstmSequence.this.units);

		private final INDArray blockInputSlopes = sequence(LstmSequence.this.units);

		private final INDArray cellTanhSlopes = sequence(LstmSequence.this.units);

		private final INDArray inputGradient = sequence(LstmSequence.this.inputs);

		private final INDArray[] cellGradients = { matrix(), matrix() };

		private final INDArray inputWeightGradient = LstmSequence.this.inputWeights.ulike();

		private final INDArray recurrentWeightGradient = LstmSequence.this.recurrentWeights.ulike();

		/** [4 × units, 1]: the deltas summed over the batch, then over the steps. */
		private final INDArray biasGradient = Nd4j.create(DataType.FLOAT, new long[] { 4 * LstmSequence.this.units, 1 },
				'f');

		private final BoundOp[][] steps;

		private final BoundOp[] biasGradientSums;

		Backprop() {
			this.steps = new BoundOp[LstmSequence.this.steps][];
			for (int t = 0; t < this.steps.length; t++) {
				this.steps[t] = step(t);
			}
			this.biasGradientSums = biasGradientSums();
		}

		void run(INDArray epsilon, INDArray inputWeightGradient, INDArray recurrentWeightGradient,
				INDArray biasGradient) {
			this.outputGradient.assign(epsilon);
			// σ(1 − σ) of every gate at once; the block input's part is not used
			Nd4j.exec(new TimesOneMinus(LstmSequence.this.gates, this.gateSlopes));
			oneMinusSquare(LstmSequence.this.blockInput, this.blockInputSlopes);
			oneMinusSquare(LstmSequence.this.cellTanh, this.cellTanhSlopes);
			for (int t = this.steps.length - 1; t >= 0; t--) {
				LstmSequence.run(this.steps[t]);
			}
			LstmSequence.run(this.biasGradientSums);
			inputWeightGradient.assign(this.inputWeightGradient);
			recurrentWeightGradient.assign(this.recurrentWeightGradient);
			biasGradient.assign(this.biasGradient.reshape(biasGradient.shape()));
		}

		private BoundOp[] step(int t) {
			LstmSequence sequence = LstmSequence.this;
			long units = sequence.units;
			boolean last = t == sequence.steps - 1;
			INDArray dH = stepView(this.outputGradient, t, 0, units);
			INDArray dC = this.cellGradients[t % 2];
			INDArray[] delta = new INDArray[4];
			INDArray[] slope = new INDArray[4];
			for (int block = 0; block < 4; block++) {
				delta[block] = stepView(this.deltas, t, block * units, units);
				slope[block] = stepView(this.gateSlopes, t, block * units, units);
			}
			INDArray stepDeltas = stepView(this.deltas, t, 0, 4 * units);
			INDArray previousCell = t == 0 ? sequence.initialCell : sequence.cellOf[t - 1];
			INDArray previousOutput = t == 0 ? sequence.initialOutput : sequence.outputOf[t - 1];
			INDArray[][] gate = sequence.gateOf;
			List<BoundOp> ops = new ArrayList<>();
			if (!last) {
				ops.add(BoundOp.matmul(stepView(this.deltas, t + 1, 0, 4 * units), false, sequence.recurrentWeights,
						true, dH, true));
			}
			product(ops, dH, sequence.cellTanhOf[t], slope[OUTPUT], delta[OUTPUT]);
			product(ops, dH, gate[OUTPUT][t], stepView(this.cellTanhSlopes, t, 0, units), dC);
			if (!last) {
				ops.add(BoundOp.multiply(this.cellGradients[(t + 1) % 2], gate[FORGET][t + 1], sequence.product));
				ops.add(BoundOp.add(dC, sequence.product, dC));
			}
			product(ops, dC, previousCell, slope[FORGET], delta[FORGET]);
			product(ops, dC, sequence.blockInputOf[t], slope[INPUT_GATE], delta[INPUT_GATE]);
			product(ops, dC, gate[INPUT_GATE][t], stepView(this.blockInputSlopes, t, 0, units), delta[BLOCK_INPUT]);
			// the first step backprop reaches (the last in time) starts the sums
			ops.add(BoundOp.matmul(previousOutput, true, stepDeltas, false, this.recurrentWeightGradient, !last));
			ops.add(BoundOp.matmul(sequence.inputOf[t], true, stepDeltas, false, this.inputWeightGradient, !last));
			ops.add(BoundOp.matmul(stepDeltas, false, sequence.inputWeights, true,
					stepView(this.inputGradient, t, 0, sequence.inputs), false));
			return ops.toArray(BoundOp[]::new);
		}

		/**
		 * The deltas summed over the batch, then over the steps: two products with ones.
		 */
		private BoundOp[] biasGradientSums() {
			LstmSequence sequence = LstmSequence.this;
			long columns = 4 * sequence.units * sequence.steps;
			INDArray allDeltas = Nd4j.create(this.deltas.data(), new long[] { sequence.batch, columns },
					new long[] { 1, sequence.batch }, this.deltas.offset(), 1, 'f');
			INDArray perStep = Nd4j.create(DataType.FLOAT, new long[] { 1, columns }, 'f');
			INDArray perStepByGate = Nd4j.create(perStep.data(), new long[] { 4 * sequence.units, sequence.steps },
					new long[] { 1, 4 * sequence.units }, perStep.offset(), 1, 'f');
			return new BoundOp[] {
					BoundOp.matmul(Nd4j.ones(DataType.FLOAT, 1, sequence.batch), false, allDeltas, false, perStep,
							false),
					BoundOp.matmul(perStepByGate, false, Nd4j.ones(DataType.FLOAT, sequence.steps, 1), false,
							this.biasGradient, false) };
		}

		/** {@code result = a · b · c}, element-wise. */
		private static void product(List<BoundOp> ops, INDArray a, INDArray b, INDArray c, INDArray result) {
			ops.add(BoundOp.multiply(a, b, result));
			ops.add(BoundOp.multiply(result, c, result));
		}

		private static void oneMinusSquare(INDArray values, INDArray result) {
			Nd4j.exec(new MulOp(values, values, result));
			result.rsubi(1.0);
		}

	}

	/** Step {@code t}'s [batch, width] columns from column {@code from}. */
	private INDArray stepView(INDArray array, int t, long from, long width) {
		long stepLength = array.size(1) * this.batch;
		return Nd4j.create(array.data(), new long[] { this.batch, width }, new long[] { 1, this.batch },
				array.offset() + t * stepLength + from * this.batch, 1, 'f');
	}

}
