package io.adamant.job;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Validator;

import io.adamant.api.FieldProblem;
import io.adamant.api.InvalidRequestException;
import io.adamant.api.PageView;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.Datasets;
import io.adamant.metrics.EpochMetricsView;
import io.adamant.metrics.JobEventView;
import io.adamant.metrics.JobEvents;
import io.adamant.metrics.JobMetrics;
import io.adamant.security.Caller;
import io.adamant.security.QuotaExceededException;
import io.adamant.security.StorageQuota;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.DataBinder;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** Submitting, reading and cancelling training jobs. */
@Service
public class Jobs {

	private final JobRepository repository;

	private final JobAccess access;

	private final JobSpecCodec codec;

	private final Datasets datasets;

	private final JobMetrics metrics;

	private final JobEvents events;

	private final ModelChecker models;

	private final CheckpointCatalog checkpointCatalog;

	private final JobLimits limits;

	private final StorageQuota storage;

	private final Clock clock;

	private final SpringValidatorAdapter validator;

	private final SecureRandom seeds = new SecureRandom();

	Jobs(JobRepository repository, JobAccess access, JobSpecCodec codec, Datasets datasets, JobMetrics metrics,
			JobEvents events, ModelChecker models, CheckpointCatalog checkpointCatalog, JobLimits limits,
			StorageQuota storage, Clock clock, Validator validator) {
		this.repository = repository;
		this.access = access;
		this.codec = codec;
		this.datasets = datasets;
		this.metrics = metrics;
		this.events = events;
		this.models = models;
		this.checkpointCatalog = checkpointCatalog;
		this.limits = limits;
		this.storage = storage;
		this.clock = clock;
		this.validator = new SpringValidatorAdapter(validator);
	}

	/** Checks the spec against what exists, fills its defaults and queues it. */
	@Transactional
	public JobView submit(Caller caller, JobSpec submitted) {
		return store(caller, submitted, null);
	}

	/**
	 * Queues one job of a sweep, checked as {@code POST /api/v1/jobs} checks its body:
	 * bean validation first (no controller ran it on this spec), then everything
	 * {@link #submit} checks. Joins the sweep's transaction, so that a sweep is stored
	 * with all its jobs or not at all.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public JobView submitToSweep(Caller caller, UUID sweepId, JobSpec submitted) {
		validate(submitted);
		return store(caller, submitted, sweepId);
	}

	/** The jobs of a sweep, in no particular order. */
	@Transactional(readOnly = true)
	public List<JobView> ofSweep(UUID sweepId) {
		return toViews(this.repository.findBySweepId(sweepId));
	}

	/**
	 * How many jobs of each sweep are in each status; sweeps without jobs are left out.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Map<JobStatus, Long>> statusCountsOfSweeps(Collection<UUID> sweepIds) {
		Map<UUID, Map<JobStatus, Long>> counts = new HashMap<>();
		if (!sweepIds.isEmpty()) {
			for (Object[] row : this.repository.countBySweepAndStatus(sweepIds)) {
				counts.computeIfAbsent((UUID) row[0], id -> new EnumMap<>(JobStatus.class))
					.put((JobStatus) row[1], (Long) row[2]);
			}
		}
		return counts;
	}

	/**
	 * {@link #cancel} for every unfinished job of a sweep at once: queued ones end now,
	 * running ones are asked to stop. Finished jobs are left as they are.
	 * @return how many running jobs were asked to stop
	 */
	@Transactional
	public int cancelSweep(UUID sweepId) {
		this.repository.cancelQueuedOfSweep(sweepId);
		return this.repository.requestCancelOfSweep(sweepId);
	}

	@Transactional(readOnly = true)
	public JobView get(Caller caller, UUID id) {
		JobEntity job = find(caller, id);
		return toView(job, this.metrics.latest(List.of(id)).get(id), this.events.divergences(List.of(id)).get(id),
				continuations(List.of(id)).getOrDefault(id, List.of()));
	}

	@Transactional(readOnly = true)
	public PageView<JobView> list(Caller caller, JobQuery query) {
		Page<JobEntity> jobs = this.repository.findAll(query.specification(caller.ownerFilter()), query.pageRequest());
		return PageView.of(jobs, this::toViews);
	}

	/**
	 * Cancels a queued job at once, or asks the worker of a running one to stop (it does
	 * within one iteration). Cancelling a cancelled job changes nothing.
	 */
	@Transactional
	public JobView cancel(Caller caller, UUID id) {
		find(caller, id);
		if (this.repository.cancelQueued(id) == 0 && this.repository.requestCancel(id) == 0) {
			JobEntity job = find(caller, id);
			if (job.getStatus() != JobStatus.CANCELLED) {
				throw JobAlreadyFinishedException.forJob(id, job.getStatus());
			}
		}
		this.repository.flush();
		return get(caller, id);
	}

	public JobMetricsView metrics(Caller caller, UUID id, boolean includeArchived) {
		return new JobMetricsView(id, this.access.statusOf(caller, id), this.metrics.list(id, includeArchived));
	}

	@Transactional(readOnly = true)
	public JobLayerMetricsView layerMetrics(Caller caller, UUID id, boolean includeArchived) {
		return new JobLayerMetricsView(id, this.access.statusOf(caller, id), this.metrics.layers(id, includeArchived));
	}

	public JobEventsView events(Caller caller, UUID id) {
		return new JobEventsView(id, this.access.statusOf(caller, id), this.events.list(id));
	}

	/**
	 * Fails with {@link JobNotFoundException} unless the job exists and the caller may
	 * see it.
	 */
	public void requireExists(Caller caller, UUID id) {
		this.access.statusOf(caller, id);
	}

	/**
	 * Checks a spec against the caller's datasets and quotas, fills its defaults and
	 * queues it.
	 */
	private JobView store(Caller caller, JobSpec submitted, UUID sweepId) {
		JobSpec spec = resolveFrom(caller, submitted.withDefaults(() -> this.seeds.nextLong() & Long.MAX_VALUE));
		long parameters = checkConsistency(caller, spec);
		checkActiveJobs(caller);
		this.storage.check(caller, 0);
		JobEntity job = new JobEntity(UUID.randomUUID(), caller.owner(), spec.name(), this.codec.write(spec),
				spec.priority(), spec.training().epochs(), parameters, this.clock.instant(), sweepId);
		this.repository.saveAndFlush(job);
		return toView(job, null, null, List.of());
	}

	/** Bean validation with the field names and messages a request body gets. */
	private void validate(JobSpec spec) {
		DataBinder binder = new DataBinder(spec, "jobSpec");
		binder.setValidator(this.validator);
		binder.validate();
		List<FieldProblem> problems = binder.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		if (!problems.isEmpty()) {
			throw InvalidRequestException.forFields(problems);
		}
	}

	private List<JobView> toViews(List<JobEntity> jobs) {
		List<UUID> ids = jobs.stream().map(JobEntity::getId).toList();
		Map<UUID, EpochMetricsView> latest = this.metrics.latest(ids);
		Map<UUID, JobEventView> divergences = this.events.divergences(ids);
		Map<UUID, List<UUID>> continuations = continuations(ids);
		return jobs.stream()
			.map(job -> toView(job, latest.get(job.getId()), divergences.get(job.getId()),
					continuations.getOrDefault(job.getId(), List.of())))
			.toList();
	}

	/**
	 * Another owner's job is as absent as one that never existed, so ids cannot be
	 * probed.
	 */
	private JobEntity find(Caller caller, UUID id) {
		return this.repository.findById(id)
			.filter(job -> caller.canAccess(job.getOwner()))
			.orElseThrow(() -> JobNotFoundException.forId(id));
	}

	/**
	 * Queued and running jobs of one owner, counted under a lock so that two submissions
	 * cannot both pass.
	 */
	private void checkActiveJobs(Caller caller) {
		this.repository.lockOwner(caller.owner());
		int limit = caller.quotas().maxActiveJobs();
		if (this.repository.countActive(caller.owner()) >= limit) {
			throw QuotaExceededException.activeJobs(limit);
		}
	}

	/**
	 * What bean validation cannot see: the spec against the datasets, against the limits
	 * and against itself.
	 * @return the model's parameter count
	 */
	private long checkConsistency(Caller caller, JobSpec spec) {
		List<FieldProblem> problems = new ArrayList<>();
		DatasetInfo dataset = this.datasets.find(caller, spec.dataset().name()).orElse(null);
		if (dataset == null) {
			problems.add(new FieldProblem("dataset.name", "unknown dataset '%s'; available: %s".formatted(
					spec.dataset().name(), this.datasets.list(caller).stream().map(DatasetInfo::name).toList())));
		}
		int maxEpochs = caller.quotas().maxEpochs();
		if (spec.training().epochs() > maxEpochs) {
			problems.add(new FieldProblem("training.epochs", "%d is over your quota of %d epochs a job (maxEpochs)"
				.formatted(spec.training().epochs(), maxEpochs)));
		}
		else {
			if (spec.dataset().samples() != null && !dataset.synthetic()) {
				problems.add(new FieldProblem("dataset.samples",
						"only synthetic datasets take a sample count; '%s' has %d rows".formatted(dataset.name(),
								dataset.rows())));
			}
			if (spec.dataset().sequenceLength() != null && !this.datasets.takesSequenceLength(dataset.name())) {
				problems.add(new FieldProblem("dataset.sequenceLength",
						"'%s' takes no sequence length".formatted(dataset.name())));
			}
		}
		if (spec.optimizer() instanceof OptimizerSpec.AdaDelta && !(spec.schedule() instanceof ScheduleSpec.Constant)) {
			problems.add(new FieldProblem("schedule.type", "adadelta has no learning rate to schedule"));
		}
		if (spec.schedule().warmupEpochs() >= spec.training().epochs()) {
			problems.add(new FieldProblem("schedule.warmupEpochs",
					"must be less than training.epochs (%d)".formatted(spec.training().epochs())));
		}
		if (spec.schedule() instanceof ScheduleSpec.Cosine cosine && spec.optimizer().learningRate() != null
				&& cosine.minLearningRate() >= spec.optimizer().learningRate()) {
			problems.add(new FieldProblem("schedule.minLearningRate",
					"must be below the optimizer's learning rate (%s)".formatted(spec.optimizer().learningRate())));
		}
		if (spec.training().earlyStopping() != null && spec.training().validationFraction() == 0) {
			problems.add(new FieldProblem("training.earlyStopping", "needs validation rows: validationFraction is 0"));
		}
		long parameters = 0;
		if (dataset != null && problems.isEmpty()) {
			DatasetInfo described = this.datasets.describe(dataset.name(), spec.dataset().sequenceLength())
				.orElse(dataset);
			ModelChecker.ModelCheck check = this.models.check(spec, described);
			problems.addAll(check.problems());
			parameters = check.parameters();
			long maxParameters = Math.min(this.limits.maxParameters(), caller.quotas().maxParameters());
			if (parameters > maxParameters) {
				problems.add(new FieldProblem("model",
						"has %,d parameters; the limit is %,d (maxParameters)".formatted(parameters, maxParameters)));
			}
		}
		if (!problems.isEmpty()) {
			throw InvalidRequestException.forFields(problems);
		}
		return parameters;
	}

	/**
	 * Fills in the model and checkpoint of a job that starts from another's network; a
	 * job that does not needs a model of its own.
	 */
	private JobSpec resolveFrom(Caller caller, JobSpec spec) {
		FromSpec from = spec.from();
		if (from == null) {
			if (spec.model() == null) {
				throw InvalidRequestException.forField("model", "must not be null");
			}
			return spec;
		}
		JobEntity source = this.repository.findById(from.jobId())
			.filter(job -> caller.canAccess(job.getOwner()))
			.orElseThrow(() -> InvalidRequestException.forField("from.jobId", "no job has id " + from.jobId()));
		UUID checkpoint = this.checkpointCatalog.resolve(source.getId(), from.checkpointId())
			.orElseThrow(() -> from.checkpointId() == null
					? InvalidRequestException.forField("from.jobId",
							"job %s has no checkpoint to start from (status %s)".formatted(source.getId(),
									source.getStatus()))
					: InvalidRequestException.forField("from.checkpointId",
							"job %s has no checkpoint %s".formatted(source.getId(), from.checkpointId())));
		ModelSpec sourceModel = this.codec.read(source.getSpec()).model();
		// the model must be the source's: parameters only carry over between identical
		// networks
		if (spec.model() != null && !spec.model().equals(sourceModel)) {
			throw InvalidRequestException.forField("model",
					"must be the model of job %s to start from its network; leave it out to take it"
						.formatted(source.getId()));
		}
		JobSpec sourceSpec = this.codec.read(source.getSpec());
		DatasetInfo sourceData = describe(sourceSpec.dataset());
		DatasetInfo data = this.datasets.find(caller, spec.dataset().name()).isPresent() ? describe(spec.dataset())
				: null;
		if (sourceData != null && data != null && (!sourceData.shape().equals(data.shape())
				|| sourceData.outputs() != data.outputs() || sourceData.task() != data.task())) {
			throw InvalidRequestException.forField("dataset.name",
					"'%s' (shape %s, %d outputs) does not fit the network of job %s, trained on '%s' (shape %s, %d outputs)"
						.formatted(data.name(), data.shape(), data.outputs(), source.getId(), sourceData.name(),
								sourceData.shape(), sourceData.outputs()));
		}
		return spec.startingFrom(sourceModel, new FromSpec(source.getId(), checkpoint));
	}

	private DatasetInfo describe(DatasetSpec dataset) {
		return this.datasets.describe(dataset.name(), dataset.sequenceLength()).orElse(null);
	}

	private Map<UUID, List<UUID>> continuations(List<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, List<UUID>> continuations = new java.util.HashMap<>();
		for (Object[] row : this.repository.findContinuations(ids.stream().map(UUID::toString).toList())) {
			continuations.computeIfAbsent(UUID.fromString((String) row[0]), k -> new ArrayList<>())
				.add(UUID.fromString((String) row[1]));
		}
		return continuations;
	}

	private JobView toView(JobEntity job, EpochMetricsView latest, JobEventView divergence, List<UUID> continuations) {
		return new JobView(job.getId(), job.getName(), job.getStatus(), this.codec.read(job.getSpec()),
				job.getParameterCount(),
				JobView.Progress.of(job.getStatus(), job.getEpochsDone(), job.getEpochsTotal(), job.getEpochIteration(),
						job.getEpochIterations(), latest, this.clock.instant()),
				job.getAttempt(), job.getWorkerId(), job.isCancelRequested(), job.getFailureReason(),
				job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(), latest, JobView.Divergence.of(divergence),
				continuations, job.getSweepId());
	}

}
