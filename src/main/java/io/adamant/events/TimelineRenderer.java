package io.adamant.events;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.adamant.metrics.EpochMetricsView;
import io.adamant.metrics.JobEventType;
import io.adamant.metrics.JobEventView;
import io.adamant.metrics.JobEvents;
import io.adamant.metrics.JobMetrics;

import org.springframework.stereotype.Component;

/**
 * Turns timeline rows into server-sent events whose data has the shapes of the JSON API:
 * an epoch is an item of {@code /metrics}, an event an item of {@code /events}.
 */
@Component
class TimelineRenderer {

	static final String STATUS = "status";

	static final String EPOCH = "epoch";

	private final JobMetrics metrics;

	private final JobEvents events;

	TimelineRenderer(JobMetrics metrics, JobEvents events) {
		this.metrics = metrics;
		this.events = events;
	}

	/**
	 * The events of {@code entries}, in order; an entry whose epoch row or event is gone
	 * has none.
	 */
	List<StreamEvent> render(UUID jobId, List<TimelineEntry> entries) {
		Map<Long, EpochMetricsView> epochs = this.metrics.byIds(references(entries, TimelineEntry.Kind.EPOCH));
		Map<Long, JobEventView> jobEvents = this.events.byIds(references(entries, TimelineEntry.Kind.EVENT));
		return entries.stream().map(entry -> switch (entry.kind()) {
			case STATUS -> new StreamEvent(entry.id(), STATUS, statusChange(jobId, entry));
			case EPOCH -> epoch(entry, epochs.get(entry.reference()));
			case EVENT -> jobEvent(entry, jobEvents.get(entry.reference()));
		}).filter(Objects::nonNull).toList();
	}

	/** The SSE name of a job event type: {@code ROLLBACK} is {@code rollback}. */
	private static String eventName(JobEventType type) {
		return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static StatusChangeView statusChange(UUID jobId, TimelineEntry entry) {
		return new StatusChangeView(jobId, entry.status(), entry.previousStatus(), entry.attempt(), entry.workerId(),
				entry.failureReason(), entry.createdAt());
	}

	private static StreamEvent epoch(TimelineEntry entry, EpochMetricsView epoch) {
		return epoch == null ? null : new StreamEvent(entry.id(), EPOCH, epoch);
	}

	private static StreamEvent jobEvent(TimelineEntry entry, JobEventView event) {
		return event == null ? null : new StreamEvent(entry.id(), eventName(event.type()), event);
	}

	private static Collection<Long> references(List<TimelineEntry> entries, TimelineEntry.Kind kind) {
		return entries.stream().filter(entry -> entry.kind() == kind).map(TimelineEntry::reference).toList();
	}

}
