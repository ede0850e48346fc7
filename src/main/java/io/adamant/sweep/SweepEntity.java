package io.adamant.sweep;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A sweep row. Its status is not stored: it follows from its jobs, which the queue and
 * the workers change without knowing of sweeps.
 */
@Entity
@Table(name = "sweeps")
class SweepEntity {

	@Id
	private UUID id;

	private String name;

	@Column(name = "base_spec")
	@JdbcTypeCode(SqlTypes.JSON)
	private String baseSpec;

	@JdbcTypeCode(SqlTypes.JSON)
	private String axes;

	@JdbcTypeCode(SqlTypes.JSON)
	private String children;

	@Column(name = "target_loss")
	private Double targetLoss;

	@Column(name = "cancelled_at")
	private Instant cancelledAt;

	@Column(name = "created_at")
	private Instant createdAt;

	private String owner;

	protected SweepEntity() {
	}

	SweepEntity(UUID id, String owner, String name, String baseSpec, String axes, Double targetLoss,
			Instant createdAt) {
		this.id = id;
		this.owner = owner;
		this.name = name;
		this.baseSpec = baseSpec;
		this.axes = axes;
		// the children are queued after the sweep row exists (their foreign key needs it)
		this.children = "[]";
		this.targetLoss = targetLoss;
		this.createdAt = createdAt;
	}

	String getOwner() {
		return this.owner;
	}

	void setChildren(String children) {
		this.children = children;
	}

	/** The first cancel counts; later ones change nothing here. */
	void cancel(Instant now) {
		if (this.cancelledAt == null) {
			this.cancelledAt = now;
		}
	}

	UUID getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getBaseSpec() {
		return this.baseSpec;
	}

	String getAxes() {
		return this.axes;
	}

	String getChildren() {
		return this.children;
	}

	Double getTargetLoss() {
		return this.targetLoss;
	}

	Instant getCancelledAt() {
		return this.cancelledAt;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
