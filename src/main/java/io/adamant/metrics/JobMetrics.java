package io.adamant.metrics;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Per-epoch training metrics of jobs: written by workers, read by the API. */
@Service
public class JobMetrics {

	private static final TypeReference<List<LayerMetrics>> LAYER_LIST = new TypeReference<>() {
	};

	private final EpochMetricsRepository repository;

	private final JsonMapper json;

	private final Clock clock;

	private final RunSummaries summaries;

	private final EpochMetricsReader reader;

	private final EpochMetricsJsonCache jsonCache;

	JobMetrics(EpochMetricsRepository repository, JsonMapper json, Clock clock, RunSummaries summaries,
			EpochMetricsReader reader, EpochMetricsJsonCache jsonCache) {
		this.repository = repository;
		this.reader = reader;
		this.jsonCache = jsonCache;
		this.json = json;
		this.clock = clock;
		this.summaries = summaries;
	}

	/**
	 * Writes one epoch's row; joins the caller's transaction so it commits with the job's
	 * progress.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID jobId, int attempt, EpochResult result) {
		this.repository.save(new EpochMetricsEntity(jobId, attempt, result,
				this.json.writeValueAsString(result.layers()), this.clock.instant()));
	}

	/**
	 * Archives a job's current rows after {@code epoch}, before an attempt resumes from
	 * that epoch.
	 */
	@Transactional
	public int archiveAfter(UUID jobId, int epoch) {
		return this.repository.archiveAfter(jobId, epoch);
	}

	/** Archives a job's current rows, before an attempt that starts the job over. */
	@Transactional
	public int archiveAll(UUID jobId) {
		return this.repository.archiveAll(jobId);
	}

	/**
	 * A job's epochs in order, the current ones or every row ever written. Served from a
	 * cache that one statement checks against the database, so no transaction.
	 */
	public EpochMetricsJson list(UUID jobId, boolean includeArchived) {
		return new EpochMetricsJson(this.jsonCache.forJob(jobId, includeArchived));
	}

	/** A job's per-layer figures, epoch by epoch. */
	@Transactional(readOnly = true)
	public List<EpochLayersView> layers(UUID jobId, boolean includeArchived) {
		return rows(jobId, includeArchived).stream()
			.map(row -> new EpochLayersView(row.getEpoch(), row.getAttempt(), row.isArchived(),
					row.getLayers() == null ? List.of() : this.json.readValue(row.getLayers(), LAYER_LIST)))
			.toList();
	}

	/** The latest current epoch of each job that has one. */
	public Map<UUID, EpochMetricsView> latest(Collection<UUID> jobIds) {
		return jobIds.isEmpty() ? Map.of() : this.reader.latestForJobs(jobIds);
	}

	/** The current epochs of each job, in epoch order; jobs without any are left out. */
	public Map<UUID, List<EpochMetricsView>> listForJobs(Collection<UUID> jobIds) {
		return jobIds.isEmpty() ? Map.of() : this.reader.forJobs(jobIds);
	}

	/**
	 * Each job's current epochs summed up: final and best losses, the first epoch at or
	 * below {@code targetLoss} (may be {@code null}), clipping share and largest gradient
	 * norm over the run. Jobs without an epoch are left out.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, RunSummary> summaries(Collection<UUID> jobIds, Double targetLoss) {
		return this.summaries.of(jobIds, targetLoss);
	}

	/** Epoch rows by their ids, e.g. those a job's timeline refers to. */
	public Map<Long, EpochMetricsView> byIds(Collection<Long> ids) {
		return ids.isEmpty() ? Map.of() : this.reader.byIds(ids);
	}

	private List<EpochMetricsEntity> rows(UUID jobId, boolean includeArchived) {
		return includeArchived ? this.repository.findByJobIdOrderByEpochAscAttemptAsc(jobId)
				: this.repository.findByJobIdAndArchivedFalseOrderByEpoch(jobId);
	}

}
