package io.adamant.metrics;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface JobEventRepository extends JpaRepository<JobEventEntity, Long> {

	List<JobEventEntity> findByJobIdOrderById(UUID jobId);

	List<JobEventEntity> findByJobIdInAndTypeOrderById(Collection<UUID> jobIds, JobEventType type);

	/** Pairs of (job id, count). */
	@Query("SELECT e.jobId, count(e) FROM JobEventEntity e WHERE e.jobId IN :jobIds AND e.type = :type GROUP BY e.jobId")
	List<Object[]> countPerJob(Collection<UUID> jobIds, JobEventType type);

}
