package io.adamant.metrics;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
	private double learningRate;

	@Column(name = "grad_norm_mean")
	private double gradNormMean;

	@Column(name = "grad_norm_max")
	private double gradNormMax;

	private int iterations;

	private int samples;

	@Column(name = "duration_ms")
	private long durationMs;

	@Column(name = "samples_per_second")
	private double samplesPerSecond;

	private boolean archived;

	@Column(name = "recorded_at")
	private Instant recordedAt;

	protected EpochMetricsEntity() {
	}

	EpochMetricsEntity(UUID jobId, int attempt, EpochResult result, Instant recordedAt) {
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
		this.iterations = result.iterations();
		this.samples = result.samples();
		this.durationMs = result.durationMs();
		this.samplesPerSecond = result.samplesPerSecond();
		this.recordedAt = recordedAt;
	}

	UUID getJobId() {
		return this.jobId;
	}

	EpochMetricsView toView() {
		return new EpochMetricsView(this.epoch, this.attempt, this.archived, this.trainLoss, this.validationLoss,
				this.validationAccuracy, this.validationRmse, this.learningRate, this.gradNormMean, this.gradNormMax,
				this.iterations, this.samples, this.durationMs, this.samplesPerSecond, this.recordedAt);
	}

}
