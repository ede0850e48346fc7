package io.adamant.training;

import java.util.Objects;

import io.adamant.job.ScheduleSpec;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The learning rate of every iteration: an optional linear warm-up, then a constant,
 * step, exponential or cosine schedule, all times a {@code multiplier} that divergence
 * rollbacks lower. It counts in iterations, knowing how many make an epoch, so one object
 * serves epoch- and iteration-grained schedules alike. Serialisable into DL4J's
 * configuration JSON, so checkpoints carry it.
 */
public final class LearningRateSchedule implements ISchedule {

	private static final long serialVersionUID = 1L;

	public enum Kind {

		CONSTANT, STEP, EXPONENTIAL, COSINE

	}

	private final Kind kind;

	private final double baseRate;

	private final double warmupIterations;

	private final int iterationsPerEpoch;

	private final int totalIterations;

	/** step: epochs between decays. */
	private final int stepEpochs;

	/** step, exponential: the decay factor. */
	private final double gamma;

	/** cosine: the final rate. */
	private final double minRate;

	private final double multiplier;

	@JsonCreator
	public LearningRateSchedule(@JsonProperty("kind") Kind kind, @JsonProperty("baseRate") double baseRate,
			@JsonProperty("warmupIterations") double warmupIterations,
			@JsonProperty("iterationsPerEpoch") int iterationsPerEpoch,
			@JsonProperty("totalIterations") int totalIterations, @JsonProperty("stepEpochs") int stepEpochs,
			@JsonProperty("gamma") double gamma, @JsonProperty("minRate") double minRate,
			@JsonProperty("multiplier") double multiplier) {
		this.kind = kind;
		this.baseRate = baseRate;
		this.warmupIterations = warmupIterations;
		this.iterationsPerEpoch = iterationsPerEpoch;
		this.totalIterations = totalIterations;
		this.stepEpochs = stepEpochs;
		this.gamma = gamma;
		this.minRate = minRate;
		this.multiplier = multiplier;
	}

	static LearningRateSchedule of(ScheduleSpec spec, double baseRate, int iterationsPerEpoch, int epochs) {
		double warmup = spec.warmupEpochs() * iterationsPerEpoch;
		int total = iterationsPerEpoch * epochs;
		if (spec instanceof ScheduleSpec.Step step) {
			return new LearningRateSchedule(Kind.STEP, baseRate, warmup, iterationsPerEpoch, total, step.stepEpochs(),
					step.gamma(), 0, 1);
		}
		if (spec instanceof ScheduleSpec.Exponential exponential) {
			return new LearningRateSchedule(Kind.EXPONENTIAL, baseRate, warmup, iterationsPerEpoch, total, 0,
					exponential.gamma(), 0, 1);
		}
		if (spec instanceof ScheduleSpec.Cosine cosine) {
			return new LearningRateSchedule(Kind.COSINE, baseRate, warmup, iterationsPerEpoch, total, 0, 1,
					cosine.minLearningRate(), 1);
		}
		return new LearningRateSchedule(Kind.CONSTANT, baseRate, warmup, iterationsPerEpoch, total, 0, 1, 0, 1);
	}

	/** The same schedule with every rate multiplied by {@code factor}. */
	LearningRateSchedule scaled(double factor) {
		return new LearningRateSchedule(this.kind, this.baseRate, this.warmupIterations, this.iterationsPerEpoch,
				this.totalIterations, this.stepEpochs, this.gamma, this.minRate, this.multiplier * factor);
	}

	@Override
	public double valueAt(int iteration, int epoch) {
		if (iteration < this.warmupIterations) {
			return this.multiplier * this.baseRate * (iteration + 1) / Math.ceil(this.warmupIterations);
		}
		double sinceWarmup = iteration - this.warmupIterations;
		double rate = switch (this.kind) {
			case CONSTANT -> this.baseRate;
			case STEP -> this.baseRate
					* Math.pow(this.gamma, Math.floor(sinceWarmup / this.iterationsPerEpoch / this.stepEpochs));
			case EXPONENTIAL -> this.baseRate * Math.pow(this.gamma, Math.floor(sinceWarmup / this.iterationsPerEpoch));
			case COSINE -> cosine(sinceWarmup);
		};
		return this.multiplier * rate;
	}

	private double cosine(double sinceWarmup) {
		double span = Math.max(1, this.totalIterations - this.warmupIterations);
		double progress = Math.min(1, sinceWarmup / span);
		return this.minRate + (this.baseRate - this.minRate) * (1 + Math.cos(Math.PI * progress)) / 2;
	}

	@Override
	public ISchedule clone() {
		return scaled(1);
	}

	@JsonProperty
	public Kind getKind() {
		return this.kind;
	}

	@JsonProperty
	public double getBaseRate() {
		return this.baseRate;
	}

	@JsonProperty
	public double getWarmupIterations() {
		return this.warmupIterations;
	}

	@JsonProperty
	public int getIterationsPerEpoch() {
		return this.iterationsPerEpoch;
	}

	@JsonProperty
	public int getTotalIterations() {
		return this.totalIterations;
	}

	@JsonProperty
	public int getStepEpochs() {
		return this.stepEpochs;
	}

	@JsonProperty
	public double getGamma() {
		return this.gamma;
	}

	@JsonProperty
	public double getMinRate() {
		return this.minRate;
	}

	@JsonProperty
	public double getMultiplier() {
		return this.multiplier;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LearningRateSchedule that && this.kind == that.kind && this.baseRate == that.baseRate
				&& this.warmupIterations == that.warmupIterations && this.iterationsPerEpoch == that.iterationsPerEpoch
				&& this.totalIterations == that.totalIterations && this.stepEpochs == that.stepEpochs
				&& this.gamma == that.gamma && this.minRate == that.minRate && this.multiplier == that.multiplier;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.baseRate, this.warmupIterations, this.iterationsPerEpoch,
				this.totalIterations, this.stepEpochs, this.gamma, this.minRate, this.multiplier);
	}

}
