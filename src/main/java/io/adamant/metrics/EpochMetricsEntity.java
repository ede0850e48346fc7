package io.adamant.metrics;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "epoch_metrics")
class EpochMetricsEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "job_id")
	private UUID jobId;

	private int attempt;

	private int epoch;

	@Column(name = "train_loss")
	private double trainLoss;

	@Column(name = "validation_loss")
	private Double validationLoss;

	@Column(name = "validation_accuracy")
	private Double validationAccuracy;

	@Column(name = "validation_rmse")
	private Double validationRmse;

	@Column(name = "learning_rate")
	private Double learningRate;

	@Column(name = "grad_norm_mean")
	private double gradNormMean;

	@Column(name = "grad_norm_max")
	private double gradNormMax;

	@Column(name = "clipped_grad_norm_mean")
	private Double clippedGradNormMean;

	@Column(name = "clipped_grad_norm_max")
	private Double clippedGradNormMax;

	@Column(name = "clipped_fraction")
	private Double clippedFraction;

	@Column(name = "non_finite_iterations")
	private int nonFiniteIterations;

	@Column(name = "skipped_steps")
	private int skippedSteps;

	@Column(name = "parameter_norm")
	private Double parameterNorm;

	@Column(name = "update_ratio_log10")
	private Double updateRatioLog10;

	private int iterations;

	private int samples;

	@Column(name = "duration_ms")
	private long durationMs;

	@Column(name = "samples_per_second")
	private double samplesPerSecond;

	@JdbcTypeCode(SqlTypes.JSON)
	private String layers;

	private boolean archived;

	@Column(name = "recorded_at")
	private Instant recordedAt;

	protected EpochMetricsEntity() {
	}

	EpochMetricsEntity(UUID jobId, int attempt, EpochResult result, String layersJson, Instant recordedAt) {
		this.jobId = jobId;
		this.attempt = attempt;
		this.epoch = result.epoch();
		this.trainLoss = result.trainLoss();
		this.validationLoss = result.validationLoss();
		this.validationAccuracy = result.validationAccuracy();
		this.validationRmse = result.validationRmse();
		this.learningRate = result.learningRate();
		this.gradNormMean = result.gradientNormMean();
		this.gradNormMax = result.gradientNormMax();
		this.clippedGradNormMean = result.clippedGradientNormMean();
		this.clippedGradNormMax = result.clippedGradientNormMax();
		this.clippedFraction = result.clippedFraction();
		this.nonFiniteIterations = result.nonFiniteIterations();
		this.skippedSteps = result.skippedSteps();
		this.parameterNorm = result.parameterNorm();
		this.updateRatioLog10 = result.updateRatioLog10();
		this.iterations = result.iterations();
		this.samples = result.samples();
		this.durationMs = result.durationMs();
		this.samplesPerSecond = result.samplesPerSecond();
		this.layers = layersJson;
		this.recordedAt = recordedAt;
	}

	Long getId() {
		return this.id;
	}

	UUID getJobId() {
		return this.jobId;
	}

	int getEpoch() {
		return this.epoch;
	}

	int getAttempt() {
		return this.attempt;
	}

	boolean isArchived() {
		return this.archived;
	}

	String getLayers() {
		return this.layers;
	}

}
