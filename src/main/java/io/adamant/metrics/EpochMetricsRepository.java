package io.adamant.metrics;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface EpochMetricsRepository extends JpaRepository<EpochMetricsEntity, Long> {

	List<EpochMetricsEntity> findByJobIdAndArchivedFalseOrderByEpoch(UUID jobId);

	List<EpochMetricsEntity> findByJobIdOrderByEpochAscAttemptAsc(UUID jobId);

	@Modifying
	@Query(value = "UPDATE epoch_metrics SET archived = TRUE WHERE job_id = :jobId AND NOT archived",
			nativeQuery = true)
	int archiveAll(UUID jobId);

	@Modifying
	@Query(value = "UPDATE epoch_metrics SET archived = TRUE WHERE job_id = :jobId AND epoch > :epoch AND NOT archived",
			nativeQuery = true)
	int archiveAfter(UUID jobId, int epoch);

}
