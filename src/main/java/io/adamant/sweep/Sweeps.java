package io.adamant.sweep;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.adamant.api.InvalidRequestException;
import io.adamant.api.JsonProblems;
import io.adamant.api.PageView;
import io.adamant.job.JobSpec;
import io.adamant.job.JobStatus;
import io.adamant.job.JobView;
import io.adamant.job.Jobs;
import io.adamant.security.Caller;
import io.adamant.metrics.EpochMetricsView;
import io.adamant.metrics.JobEventType;
import io.adamant.metrics.JobEvents;
import io.adamant.metrics.JobMetrics;
import io.adamant.metrics.RunSummary;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submitting, reading, comparing and cancelling sweeps: grids of jobs over spec paths.
 */
@Service
public class Sweeps {

	private static final TypeReference<List<SweepRequest.Axis>> AXES = new TypeReference<>() {
	};

	private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {
	};

	private final SweepRepository repository;

	private final Jobs jobs;

	private final JobMetrics metrics;

	private final JobEvents events;

	private final JsonMapper json;

	private final SweepProperties properties;

	private final Clock clock;

	Sweeps(SweepRepository repository, Jobs jobs, JobMetrics metrics, JobEvents events, JsonMapper json,
			SweepProperties properties, Clock clock) {
		this.repository = repository;
		this.jobs = jobs;
		this.metrics = metrics;
		this.events = events;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Stores the sweep and queues one job per combination of its axes, in one
	 * transaction: if any child is invalid, nothing is stored and every problem is
	 * reported.
	 */
	@Transactional
	public SweepView create(Caller caller, SweepRequest request) {
		Grid grid = Grid.of(request.axes(), Math.min(this.properties.maxGridSize(), caller.quotas().maxSweepSize()));
		ObjectNode base = SpecTree.withoutNulls(this.json.valueToTree(request.base()));
		SweepEntity sweep = this.repository
			.saveAndFlush(new SweepEntity(UUID.randomUUID(), caller.owner(), request.name(), base.toString(),
					this.json.writeValueAsString(request.axes()), request.targetLoss(), this.clock.instant()));
		List<UUID> children = submitChildren(caller, sweep.getId(), request.name(), base, grid);
		sweep.setChildren(this.json.writeValueAsString(children));
		this.repository.flush();
		return view(sweep);
	}

	@Transactional(readOnly = true)
	PageView<SweepSummary> list(Caller caller, SweepQuery query) {
		if (!query.statuses().isEmpty()) {
			return listByStatus(caller, query);
		}
		Page<SweepEntity> sweeps = this.repository.findAll(query.specification(caller.ownerFilter()),
				query.pageRequest());
		Map<UUID, Map<JobStatus, Long>> counts = this.jobs
			.statusCountsOfSweeps(sweeps.map(SweepEntity::getId).getContent());
		return PageView.of(sweeps,
				rows -> rows.stream()
					.map(sweep -> summary(sweep, counts.getOrDefault(sweep.getId(), Map.of())))
					.toList());
	}

	/**
	 * A sweep's status is derived from its jobs', so a status filter is applied to the
	 * sweeps the other filters select, in their order, before paging.
	 */
	private PageView<SweepSummary> listByStatus(Caller caller, SweepQuery query) {
		List<SweepEntity> candidates = this.repository.findAll(query.specification(caller.ownerFilter()),
				query.pageRequest().getSort());
		Map<UUID, Map<JobStatus, Long>> counts = this.jobs
			.statusCountsOfSweeps(candidates.stream().map(SweepEntity::getId).toList());
		List<SweepSummary> matching = candidates.stream()
			.map(sweep -> summary(sweep, counts.getOrDefault(sweep.getId(), Map.of())))
			.filter(summary -> query.statuses().contains(summary.status()))
			.toList();
		return PageView.of(matching, query.page(), query.size());
	}

	@Transactional(readOnly = true)
	public SweepView get(Caller caller, UUID id) {
		return view(find(caller, id));
	}

	/**
	 * One metric of every job, epoch by epoch; {@code metric} as the metrics rows name
	 * it.
	 */
	@Transactional(readOnly = true)
	public SweepCurves curves(Caller caller, UUID id, String metric) {
		CurveMetric curve = CurveMetric.parse(metric);
		Children children = children(find(caller, id));
		Map<UUID, List<EpochMetricsView>> rows = this.metrics.listForJobs(children.ids());
		int epochs = children.jobs().stream().mapToInt(job -> job.progress().epochsTotal()).max().orElse(0);
		List<SweepCurves.Series> series = IntStream.range(0, children.jobs().size())
			.mapToObj(k -> new SweepCurves.Series(children.jobs().get(k).id(), children.label(k),
					children.axisValues(k), children.jobs().get(k).status(),
					aligned(rows.getOrDefault(children.jobs().get(k).id(), List.of()), curve, epochs)))
			.toList();
		return new SweepCurves(id, curve.metricName(), IntStream.rangeClosed(1, epochs).boxed().toList(), series);
	}

	/**
	 * Cancels every unfinished job of the sweep, as cancelling each would: queued ones at
	 * once, running ones at their next iteration. Cancelling a cancelled sweep again
	 * changes nothing; a sweep whose jobs have all ended otherwise is a conflict.
	 */
	@Transactional
	public SweepView cancel(Caller caller, UUID id) {
		SweepEntity sweep = find(caller, id);
		SweepSummary before = summary(sweep, counts(id));
		if (before.status().isFinished() && !before.cancelRequested()) {
			throw SweepAlreadyFinishedException.forSweep(id, before.status());
		}
		sweep.cancel(this.clock.instant());
		// flushed before the bulk updates, which clear the persistence context
		this.repository.flush();
		this.jobs.cancelSweep(id);
		return get(caller, id);
	}

	private List<UUID> submitChildren(Caller caller, UUID sweepId, String name, ObjectNode base, Grid grid) {
		ChildProblems problems = new ChildProblems(grid);
		List<UUID> children = new ArrayList<>();
		for (int k = 0; k < grid.size(); k++) {
			Grid.Cell cell = grid.cell(k);
			// a path the base cannot take is the request's fault, not this combination's
			ObjectNode tree = cell.spec(grid, base, name);
			try {
				children.add(this.jobs.submitToSweep(caller, sweepId, read(tree)).id());
			}
			catch (InvalidRequestException ex) {
				problems.add(cell, ex.errors());
			}
		}
		problems.throwIfAny();
		return children;
	}

	/** Reads a child's spec as a request body is read: unknown fields, wrong types. */
	private JobSpec read(ObjectNode spec) {
		try {
			return this.json.treeToValue(spec, JobSpec.class);
		}
		catch (JacksonException ex) {
			throw InvalidRequestException.forFields(List.of(JsonProblems.describe(ex)));
		}
	}

	private SweepView view(SweepEntity sweep) {
		Children children = children(sweep);
		Map<UUID, RunSummary> summaries = this.metrics.summaries(children.ids(), sweep.getTargetLoss());
		Map<UUID, Long> rollbacks = this.events.count(children.ids(), JobEventType.ROLLBACK);
		List<ComparisonRow> rows = IntStream.range(0, children.jobs().size()).mapToObj(k -> {
			JobView job = children.jobs().get(k);
			return ComparisonRow.of(job, children.label(k), children.axisValues(k), summaries.get(job.id()),
					rollbacks.getOrDefault(job.id(), 0L));
		}).toList();
		SweepSummary summary = summary(sweep, countStatuses(children.jobs()));
		return new SweepView(sweep.getId(), sweep.getName(), summary.status(), summary.cancelRequested(),
				sweep.getTargetLoss(), summary.size(), summary.counts(), this.json.readTree(sweep.getBaseSpec()),
				children.grid().axes(), sweep.getCreatedAt(), rows);
	}

	private SweepSummary summary(SweepEntity sweep, Map<JobStatus, Long> counts) {
		Map<JobStatus, Long> all = new EnumMap<>(JobStatus.class);
		for (JobStatus status : JobStatus.values()) {
			all.put(status, counts.getOrDefault(status, 0L));
		}
		boolean cancelled = sweep.getCancelledAt() != null;
		int size = (int) all.values().stream().mapToLong(Long::longValue).sum();
		return new SweepSummary(sweep.getId(), sweep.getName(), SweepStatus.of(all, cancelled), cancelled,
				sweep.getTargetLoss(), size, all, sweep.getCreatedAt());
	}

	private Map<JobStatus, Long> counts(UUID id) {
		return this.jobs.statusCountsOfSweeps(List.of(id)).getOrDefault(id, Map.of());
	}

	private static Map<JobStatus, Long> countStatuses(List<JobView> jobs) {
		return jobs.stream().collect(Collectors.groupingBy(JobView::status, Collectors.counting()));
	}

	/** The jobs of a sweep in grid order, with the grid to label them. */
	private Children children(SweepEntity sweep) {
		Grid grid = new Grid(this.json.readValue(sweep.getAxes(), AXES));
		Map<UUID, JobView> jobs = this.jobs.ofSweep(sweep.getId())
			.stream()
			.collect(Collectors.toMap(JobView::id, Function.identity()));
		List<JobView> ordered = this.json.readValue(sweep.getChildren(), IDS).stream().map(jobs::get).toList();
		return new Children(grid, ordered);
	}

	/** Another owner's sweep is as absent as one that never existed. */
	private SweepEntity find(Caller caller, UUID id) {
		return this.repository.findById(id)
			.filter(sweep -> caller.canAccess(sweep.getOwner()))
			.orElseThrow(() -> SweepNotFoundException.forId(id));
	}

	/**
	 * A job's rows as a series over epochs 1..{@code epochs}, {@code null} where missing.
	 */
	private static List<Double> aligned(List<EpochMetricsView> rows, CurveMetric metric, int epochs) {
		Double[] values = new Double[epochs];
		for (EpochMetricsView row : rows) {
			if (row.epoch() <= epochs) {
				values[row.epoch() - 1] = metric.valueOf(row);
			}
		}
		return Arrays.asList(values);
	}

	/**
	 * @param grid the sweep's grid
	 * @param jobs its jobs, job {@code k} being cell {@code k}
	 */
	private record Children(Grid grid, List<JobView> jobs) {

		List<UUID> ids() {
			return this.jobs.stream().map(JobView::id).toList();
		}

		String label(int k) {
			return this.grid.cell(k).label(this.grid);
		}

		Map<String, JsonNode> axisValues(int k) {
			return this.grid.cell(k).values(this.grid);
		}

	}

}
