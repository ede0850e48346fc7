package io.adamant.training;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Classical (heavy-ball) momentum as PyTorch's {@code SGD(momentum=μ)} computes it:
 * {@code v = μ·v + g; θ -= lr·v}. DL4J ships only Nesterov momentum. A plain bean so that
 * DL4J's configuration JSON (and so a checkpoint) can carry it.
 */
public class Momentum implements IUpdater {

	private static final long serialVersionUID = 1L;

	private double learningRate;

	private ISchedule learningRateSchedule;

	private double momentum;

	public Momentum() {
		this(0.01, 0.9);
	}

	public Momentum(double learningRate, double momentum) {
		this.learningRate = learningRate;
		this.momentum = momentum;
	}

	@Override
	public long stateSize(long numParams) {
		return numParams;
	}

	@Override
	public GradientUpdater<Momentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
		MomentumUpdater updater = new MomentumUpdater(this);
		updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
		return updater;
	}

	@Override
	public GradientUpdater<Momentum> instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
		MomentumUpdater updater = new MomentumUpdater(this);
		updater.setState(state, initializeStateArrays);
		return updater;
	}

	@Override
	public Momentum clone() {
		Momentum copy = new Momentum(this.learningRate, this.momentum);
		copy.learningRateSchedule = this.learningRateSchedule == null ? null : this.learningRateSchedule.clone();
		return copy;
	}

	@Override
	public double getLearningRate(int iteration, int epoch) {
		return this.learningRateSchedule == null ? this.learningRate
				: this.learningRateSchedule.valueAt(iteration, epoch);
	}

	@Override
	public boolean hasLearningRate() {
		return true;
	}

	@Override
	public void setLrAndSchedule(double lr, ISchedule schedule) {
		this.learningRate = lr;
		this.learningRateSchedule = schedule;
	}

	public double getLearningRate() {
		return this.learningRate;
	}

	public void setLearningRate(double learningRate) {
		this.learningRate = learningRate;
	}

	public ISchedule getLearningRateSchedule() {
		return this.learningRateSchedule;
	}

	public void setLearningRateSchedule(ISchedule learningRateSchedule) {
		this.learningRateSchedule = learningRateSchedule;
	}

	public double getMomentum() {
		return this.momentum;
	}

	public void setMomentum(double momentum) {
		this.momentum = momentum;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Momentum that && this.learningRate == that.learningRate
				&& this.momentum == that.momentum
				&& Objects.equals(this.learningRateSchedule, that.learningRateSchedule);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.learningRate, this.momentum, this.learningRateSchedule);
	}

	/** Applies {@link Momentum}; its state is the velocity. */
	static final class MomentumUpdater implements GradientUpdater<Momentum> {

		private static final String VELOCITY = "V";

		private final Momentum config;

		private INDArray velocity;

		MomentumUpdater(Momentum config) {
			this.config = config;
		}

		@Override
		public Momentum getConfig() {
			return this.config;
		}

		@Override
		public void setState(Map<String, INDArray> state, boolean initialize) {
			this.velocity = state.get(VELOCITY);
			if (initialize) {
				this.velocity.assign(0);
			}
		}

		@Override
		public Map<String, INDArray> getState() {
			return Map.of(VELOCITY, this.velocity);
		}

		@Override
		public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
			if (initialize) {
				viewArray.assign(0);
			}
			this.velocity = viewArray.reshape(order, gradientShape);
		}

		/** Turns the gradient into the step DL4J subtracts from the parameters. */
		@Override
		public void applyUpdater(INDArray gradient, int iteration, int epoch) {
			double learningRate = this.config.getLearningRate(iteration, epoch);
			this.velocity.muli(this.config.getMomentum()).addi(gradient);
			gradient.assign(this.velocity).muli(learningRate);
		}

	}

}
