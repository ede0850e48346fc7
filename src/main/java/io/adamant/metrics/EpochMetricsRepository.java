package io.adamant.metrics;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface EpochMetricsRepository extends JpaRepository<EpochMetricsEntity, Long> {

	List<EpochMetricsEntity> findByJobIdAndArchivedFalseOrderByEpoch(UUID jobId);

	List<EpochMetricsEntity> findByJobIdOrderByEpochAscAttemptAsc(UUID jobId);

	List<EpochMetricsEntity> findByJobIdInAndArchivedFalseOrderByEpoch(Collection<UUID> jobIds);

	@Query(value = """
			SELECT DISTINCT ON (job_id) * FROM epoch_metrics
			WHERE job_id IN (:jobIds) AND NOT archived
			ORDER BY job_id, epoch DESC""", nativeQuery = true)
	List<EpochMetricsEntity> findLatestForJobs(Collection<UUID> jobIds);

	@Modifying
	@Query(value = "UPDATE epoch_metrics SET archived = TRUE WHERE job_id = :jobId AND NOT archived",
			nativeQuery = true)
	int archiveAll(UUID jobId);

	@Modifying
	@Query(value = "UPDATE epoch_metrics SET archived = TRUE WHERE job_id = :jobId AND epoch > :epoch AND NOT archived",
			nativeQuery = true)
	int archiveAfter(UUID jobId, int epoch);

}
