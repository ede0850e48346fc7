package io.adamant.metrics;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Per-epoch training metrics of jobs: written by workers, read by the API. */
@Service
public class JobMetrics {

	private final EpochMetricsRepository repository;

	private final Clock clock;

	JobMetrics(EpochMetricsRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Writes one epoch's row; joins the caller's transaction so it commits with the job's
	 * progress.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID jobId, int attempt, EpochResult result) {
		this.repository.save(new EpochMetricsEntity(jobId, attempt, result, this.clock.instant()));
	}

	/** Archives a job's current rows, before an attempt that starts the job over. */
	@Transactional
	public int archiveAll(UUID jobId) {
		return this.repository.archiveAll(jobId);
	}

	/** A job's epochs in order: the current ones, or every row ever written. */
	@Transactional(readOnly = true)
	public List<EpochMetricsView> list(UUID jobId, boolean includeArchived) {
		List<EpochMetricsEntity> rows = includeArchived ? this.repository.findByJobIdOrderByEpochAscAttemptAsc(jobId)
				: this.repository.findByJobIdAndArchivedFalseOrderByEpoch(jobId);
		return rows.stream().map(EpochMetricsEntity::toView).toList();
	}

	/** The latest current epoch of each job that has one. */
	@Transactional(readOnly = true)
	public Map<UUID, EpochMetricsView> latest(Collection<UUID> jobIds) {
		if (jobIds.isEmpty()) {
			return Map.of();
		}
		return this.repository.findLatestForJobs(jobIds)
			.stream()
			.collect(Collectors.toMap(EpochMetricsEntity::getJobId, EpochMetricsEntity::toView));
	}

}
