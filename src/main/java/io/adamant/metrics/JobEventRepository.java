package io.adamant.metrics;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface JobEventRepository extends JpaRepository<JobEventEntity, Long> {

	List<JobEventEntity> findByJobIdOrderById(UUID jobId);

	List<JobEventEntity> findByJobIdInAndTypeOrderById(Collection<UUID> jobIds, JobEventType type);

}
