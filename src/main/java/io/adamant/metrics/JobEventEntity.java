package io.adamant.metrics;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "job_events")
class JobEventEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "job_id")
	private UUID jobId;

	private int attempt;

	@Enumerated(EnumType.STRING)
	private JobEventType type;

	private int epoch;

	private int iteration;

	private String reason;

	private String detail;

	private Double value;

	@Column(name = "learning_rate")
	private Double learningRate;

	@Column(name = "checkpoint_id")
	private UUID checkpointId;

	@Column(name = "created_at")
	private Instant createdAt;

	protected JobEventEntity() {
	}

	JobEventEntity(UUID jobId, int attempt, JobEvent event, Instant createdAt) {
		this.jobId = jobId;
		this.attempt = attempt;
		this.type = event.type();
		this.epoch = event.epoch();
		this.iteration = event.iteration();
		this.reason = event.reason();
		this.detail = event.detail();
		this.value = event.value() == null || Double.isFinite(event.value()) ? event.value() : null;
		this.learningRate = event.learningRate();
		this.checkpointId = event.checkpointId();
		this.createdAt = createdAt;
	}

	Long getId() {
		return this.id;
	}

	UUID getJobId() {
		return this.jobId;
	}

	JobEventView toView() {
		return new JobEventView(this.id, this.attempt, this.type, this.epoch, this.iteration, this.reason, this.detail,
				this.value, this.learningRate, this.checkpointId, this.createdAt);
	}

}
