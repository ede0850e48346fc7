package io.adamant.metrics;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Skipped steps, rollbacks and divergence of jobs, in the order they happened. */
@Service
public class JobEvents {

	private final JobEventRepository repository;

	private final Clock clock;

	JobEvents(JobEventRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** Records an event; joins the caller's transaction where there is one. */
	@Transactional
	public void record(UUID jobId, int attempt, JobEvent event) {
		this.repository.save(new JobEventEntity(jobId, attempt, event, this.clock.instant()));
	}

	@Transactional(readOnly = true)
	public List<JobEventView> list(UUID jobId) {
		return this.repository.findByJobIdOrderById(jobId).stream().map(JobEventEntity::toView).toList();
	}

	/** How many events of {@code type} each job has; jobs without any are left out. */
	@Transactional(readOnly = true)
	public Map<UUID, Long> count(Collection<UUID> jobIds, JobEventType type) {
		if (jobIds.isEmpty()) {
			return Map.of();
		}
		return this.repository.countPerJob(jobIds, type)
			.stream()
			.collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));
	}

	/** Events by their ids, e.g. those a job's timeline refers to. */
	@Transactional(readOnly = true)
	public Map<Long, JobEventView> byIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.repository.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(JobEventEntity::getId, JobEventEntity::toView));
	}

	/** The divergence event of each job that ended {@code DIVERGED}. */
	@Transactional(readOnly = true)
	public Map<UUID, JobEventView> divergences(Collection<UUID> jobIds) {
		if (jobIds.isEmpty()) {
			return Map.of();
		}
		return this.repository.findByJobIdInAndTypeOrderById(jobIds, JobEventType.DIVERGED)
			.stream()
			.collect(Collectors.toMap(JobEventEntity::getJobId, JobEventEntity::toView, (first, last) -> last));
	}

}
