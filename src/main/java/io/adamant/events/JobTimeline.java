package io.adamant.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.adamant.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the {@code job_timeline} table that the database's triggers fill. */
@Component
class JobTimeline {

	/**
	 * The job's status and its rows after the cursor in one statement, so that both come
	 * from one snapshot: a finished status is never read without the rows before it.
	 */
	private static final String READ = """
			SELECT j.status AS job_status, t.id, t.kind, t.status, t.previous_status, t.attempt, t.worker_id,
			       t.failure_reason, t.reference, t.created_at
			FROM jobs j
			LEFT JOIN LATERAL (SELECT * FROM job_timeline
			                   WHERE job_id = j.id AND id > :after ORDER BY id LIMIT :limit) t ON TRUE
			WHERE j.id = :job
			ORDER BY t.id""";

	private final JdbcClient jdbc;

	JobTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Up to {@code limit} of the job's rows with ids above {@code afterId}. */
	TimelineSlice read(UUID jobId, long afterId, int limit) {
		List<Row> rows = this.jdbc.sql(READ)
			.param("job", jobId)
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> new Row(JobStatus.valueOf(rs.getString("job_status")), entry(rs)))
			.list();
		if (rows.isEmpty()) {
			return new TimelineSlice(null, List.of(), true);
		}
		List<TimelineEntry> entries = rows.stream().map(Row::entry).filter(Objects::nonNull).toList();
		return new TimelineSlice(rows.get(0).jobStatus(), entries, entries.size() < limit);
	}

	private static TimelineEntry entry(ResultSet rs) throws SQLException {
		long id = rs.getLong("id");
		if (rs.wasNull()) {
			return null;
		}
		Timestamp createdAt = rs.getTimestamp("created_at");
		return new TimelineEntry(id, TimelineEntry.Kind.valueOf(rs.getString("kind")), status(rs, "status"),
				status(rs, "previous_status"), rs.getInt("attempt"), rs.getString("worker_id"),
				rs.getString("failure_reason"), rs.getObject("reference", Long.class), createdAt.toInstant());
	}

	private static JobStatus status(ResultSet rs, String column) throws SQLException {
		String value = rs.getString(column);
		return value == null ? null : JobStatus.valueOf(value);
	}

	private record Row(JobStatus jobStatus, TimelineEntry entry) {
	}

}
