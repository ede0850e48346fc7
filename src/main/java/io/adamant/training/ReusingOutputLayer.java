package io.adamant.training;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer without its second pre-output per training step. DL4J's
 * {@code MultiLayerNetwork.computeGradientAndScore} backpropagates through the output
 * layer, which computes {@code input·W + b}, and then asks it for the score, which
 * computes the same product again from the same input and weights. This layer keeps a
 * copy of the first for the score. Everything else is DL4J's code, so the gradients and
 * the score are the same.
 */
final class ReusingOutputLayer extends OutputLayer {

	private boolean inBackprop;

	private boolean inScore;

	/** Backpropagation's pre-output, until the score consumes it. */
	private INDArray backpropPreOutput;

	/** Takes the place of {@code stock} ({@link ReusingLayers#install}). */
	ReusingOutputLayer(OutputLayer stock) {
		super(stock.conf(), stock.params().dataType());
		ReusingLayers.takeOver(stock, this);
	}

	@Override
	public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
		this.backpropPreOutput = null;
		this.inBackprop = true;
		try {
			return super.backpropGradient(epsilon, workspaceMgr);
		}
		finally {
			this.inBackprop = false;
		}
	}

	@Override
	public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
		this.inScore = training;
		try {
			return super.computeScore(fullNetRegTerm, training, workspaceMgr);
		}
		finally {
			this.inScore = false;
			this.backpropPreOutput = null;
		}
	}

	@Override
	protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
		INDArray kept = this.backpropPreOutput;
		if (this.inScore && kept != null) {
			this.backpropPreOutput = null;
			return kept;
		}
		INDArray preOutput = super.preOutput2d(training, workspaceMgr);
		if (this.inBackprop) {
			// backpropagation's own arrays close with its layer; the input workspace
			// stays
			// open until the score (DL4J's computeGradientAndScore)
			this.backpropPreOutput = workspaceMgr.dup(ArrayType.INPUT, preOutput);
		}
		return preOutput;
	}

	@Override
	public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
		this.backpropPreOutput = null;
		super.setInput(input, workspaceMgr);
	}

	@Override
	public void setLabels(INDArray labels) {
		this.backpropPreOutput = null;
		super.setLabels(labels);
	}

	@Override
	public void clear() {
		this.backpropPreOutput = null;
		super.clear();
	}

}
