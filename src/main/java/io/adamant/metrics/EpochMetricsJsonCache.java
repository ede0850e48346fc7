package io.adamant.metrics;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Jobs' metrics rows as the JSON array {@code GET /jobs/{id}/metrics} sends, kept per job
 * and checked against the job's revision in {@code epoch_metrics_revisions} on every
 * read. Clients poll that endpoint while a job trains, and reading and serializing every
 * row again took most of each request while the rows had not changed. Least recently read
 * jobs go first once the cache holds {@code adamant.metrics.json-cache-size}.
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
class EpochMetricsJsonCache {

	private record Key(UUID jobId, boolean includeArchived) {
	}

	private record Entry(long revision, SerializedString json) {

		/** The text and, once sent, its UTF-8 bytes. */
		long size() {
			return 2L * this.json.charLength();
		}

	}

	private final EpochMetricsReader reader;

	private final JsonMapper json;

	private final long capacity;

	private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

	private long size;

	EpochMetricsJsonCache(EpochMetricsReader reader, JsonMapper json, MetricsProperties properties) {
		this.reader = reader;
		this.json = json;
		this.capacity = properties.jsonCacheSize().toBytes();
	}

	/** A job's rows as {@link EpochMetricsReader#forJob} reads them, as a JSON array. */
	SerializableString forJob(UUID jobId, boolean includeArchived) {
		if (this.capacity == 0) {
			return serialized(jobId, includeArchived);
		}
		// the revision first: rows read after it are at least as new, so an entry is
		// never older than the revision it is stored under
		long revision = this.reader.revision(jobId);
		Key key = new Key(jobId, includeArchived);
		Entry entry = cached(key);
		if (entry == null || entry.revision() != revision) {
			entry = new Entry(revision, serialized(jobId, includeArchived));
			store(key, entry);
		}
		return entry.json();
	}

	private SerializedString serialized(UUID jobId, boolean includeArchived) {
		return new SerializedString(this.json.writeValueAsString(this.reader.forJob(jobId, includeArchived)));
	}

	private synchronized Entry cached(Key key) {
		return this.entries.get(key);
	}

	private synchronized void store(Key key, Entry entry) {
		if (entry.size() > this.capacity) {
			return;
		}
		Entry previous = this.entries.get(key);
		if (previous != null && previous.revision() > entry.revision()) {
			return; // a request that read a newer revision stored it meanwhile
		}
		this.entries.put(key, entry);
		this.size += entry.size() - ((previous != null) ? previous.size() : 0);
		Iterator<Entry> eldest = this.entries.values().iterator();
		while (this.size > this.capacity) {
			this.size -= eldest.next().size();
			eldest.remove();
		}
	}

}
