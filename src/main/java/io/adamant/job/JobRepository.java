package io.adamant.job;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface JobRepository extends JpaRepository<JobEntity, UUID>, JpaSpecificationExecutor<JobEntity> {

	List<JobEntity> findBySweepId(UUID sweepId);

	/** Triples of (sweep id, status, jobs). */
	@Query("""
			SELECT j.sweepId, j.status, count(j) FROM JobEntity j
			WHERE j.sweepId IN :sweepIds GROUP BY j.sweepId, j.status""")
	List<Object[]> countBySweepAndStatus(java.util.Collection<UUID> sweepIds);

	/**
	 * Jobs started from any of {@code sourceIds}: pairs of (source id, job id), oldest
	 * first.
	 */
	@Query(value = """
			SELECT spec->'from'->>'jobId' AS source, CAST(id AS text) AS job FROM jobs
			WHERE spec->'from'->>'jobId' IN (:sourceIds) ORDER BY created_at""", nativeQuery = true)
	List<Object[]> findContinuations(java.util.Collection<String> sourceIds);

	/** A queued job is cancelled at once; no worker holds it. */
	@Modifying(clearAutomatically = true)
	@Query(value = """
			UPDATE jobs SET status = 'CANCELLED', finished_at = now(), cancel_requested = TRUE
			WHERE id = :id AND status = 'QUEUED'""", nativeQuery = true)
	int cancelQueued(UUID id);

	/** A running job is flagged; its worker stops within an iteration and ends it. */
	@Modifying(clearAutomatically = true)
	@Query(value = """
			UPDATE jobs SET cancel_requested = TRUE
			WHERE id = :id AND status = 'RUNNING'""", nativeQuery = true)
	int requestCancel(UUID id);

	/** {@link #cancelQueued} for every queued job of a sweep. */
	@Modifying(clearAutomatically = true)
	@Query(value = """
			UPDATE jobs SET status = 'CANCELLED', finished_at = now(), cancel_requested = TRUE
			WHERE sweep_id = :sweepId AND status = 'QUEUED'""", nativeQuery = true)
	int cancelQueuedOfSweep(UUID sweepId);

	/** {@link #requestCancel} for every running job of a sweep. */
	@Modifying(clearAutomatically = true)
	@Query(value = """
			UPDATE jobs SET cancel_requested = TRUE
			WHERE sweep_id = :sweepId AND status = 'RUNNING'""", nativeQuery = true)
	int requestCancelOfSweep(UUID sweepId);

	/** Serialises submissions of one owner until the end of the transaction. */
	@Query(value = "SELECT CAST(pg_advisory_xact_lock(hashtext('adamant_jobs_' || :owner)) AS text)",
			nativeQuery = true)
	String lockOwner(String owner);

	@Query(value = "SELECT count(*) FROM jobs WHERE owner = :owner AND status IN ('QUEUED', 'RUNNING')",
			nativeQuery = true)
	long countActive(String owner);

	/** Whether any job, whatever its status, trains or trained on the named dataset. */
	@Query(value = "SELECT EXISTS (SELECT 1 FROM jobs WHERE spec -> 'dataset' ->> 'name' = :name)", nativeQuery = true)
	boolean anyJobUsesDataset(String name);

}
