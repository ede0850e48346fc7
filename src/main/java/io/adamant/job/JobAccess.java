package io.adamant.job;

import java.util.UUID;

import io.adamant.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whose a job is and where it stands, in one plain statement: the access check in front
 * of the often-polled reads of a job's metrics, events and checkpoints. Outside a
 * transaction it runs in autocommit, without the session and {@code BEGIN}/{@code COMMIT}
 * a JPA query needs.
 */
@Component
class JobAccess {

	private record Row(String owner, JobStatus status) {
	}

	private final JdbcClient jdbc;

	JobAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The job's status. Another owner's job is as absent as one that never existed, so
	 * ids cannot be probed.
	 * @throws JobNotFoundException unless the job exists and the caller may see it
	 */
	JobStatus statusOf(Caller caller, UUID id) {
		return this.jdbc.sql("SELECT owner, status FROM jobs WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Row(rs.getString("owner"), JobStatus.valueOf(rs.getString("status"))))
			.optional()
			.filter(job -> caller.canAccess(job.owner()))
			.map(Row::status)
			.orElseThrow(() -> JobNotFoundException.forId(id));
	}

}
