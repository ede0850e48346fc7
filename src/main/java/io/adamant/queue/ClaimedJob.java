package io.adamant.queue;

import java.util.UUID;

/**
 * A job a worker holds a lease on.
 *
 * @param id the job
 * @param specJson its stored spec
 * @param attempt which start of the job this is (1 for the first)
 * @param leaseVersion the fencing token: every write by the holder names it, and a write
 * after the job was re-claimed elsewhere changes nothing
 * @param workerId the holder
 */
public record ClaimedJob(UUID id, String specJson, int attempt, long leaseVersion, String workerId) {
}
