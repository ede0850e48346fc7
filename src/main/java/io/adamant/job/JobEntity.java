package io.adamant.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A job row. The API creates and reads it through JPA; the queue changes its lease and
 * status columns with single SQL statements, so no field here is written after insert.
 */
@Entity
@Table(name = "jobs")
class JobEntity {

	@Id
	private UUID id;

	private String name;

	@Enumerated(EnumType.STRING)
	private JobStatus status;

	@JdbcTypeCode(SqlTypes.JSON)
	private String spec;

	private int priority;

	@Column(name = "epochs_total")
	private int epochsTotal;

	@Column(name = "parameter_count")
	private Long parameterCount;

	@Column(name = "epochs_done")
	private int epochsDone;

	@Column(name = "epoch_iteration")
	private Integer epochIteration;

	@Column(name = "epoch_iterations")
	private Integer epochIterations;

	@Column(name = "failure_reason")
	private String failureReason;

	@Column(name = "cancel_requested")
	private boolean cancelRequested;

	private int attempt;

	@Column(name = "worker_id")
	private String workerId;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "started_at")
	private Instant startedAt;

	private String owner;

	@Column(name = "finished_at")
	private Instant finishedAt;

	@Column(name = "sweep_id")
	private UUID sweepId;

	protected JobEntity() {
	}

	JobEntity(UUID id, String owner, String name, String spec, int priority, int epochsTotal, long parameterCount,
			Instant createdAt, UUID sweepId) {
		this.id = id;
		this.owner = owner;
		this.name = name;
		this.priority = priority;
		this.status = JobStatus.QUEUED;
		this.spec = spec;
		this.epochsTotal = epochsTotal;
		this.parameterCount = parameterCount;
		this.createdAt = createdAt;
		this.sweepId = sweepId;
	}

	UUID getId() {
		return this.id;
	}

	String getOwner() {
		return this.owner;
	}

	String getName() {
		return this.name;
	}

	JobStatus getStatus() {
		return this.status;
	}

	String getSpec() {
		return this.spec;
	}

	int getEpochsTotal() {
		return this.epochsTotal;
	}

	Long getParameterCount() {
		return this.parameterCount;
	}

	int getEpochsDone() {
		return this.epochsDone;
	}

	Integer getEpochIteration() {
		return this.epochIteration;
	}

	Integer getEpochIterations() {
		return this.epochIterations;
	}

	String getFailureReason() {
		return this.failureReason;
	}

	boolean isCancelRequested() {
		return this.cancelRequested;
	}

	String getWorkerId() {
		return this.workerId;
	}

	int getAttempt() {
		return this.attempt;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getStartedAt() {
		return this.startedAt;
	}

	Instant getFinishedAt() {
		return this.finishedAt;
	}

	UUID getSweepId() {
		return this.sweepId;
	}

}
