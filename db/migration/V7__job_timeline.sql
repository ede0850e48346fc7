-- Everything a live client of a job hears about, in order: status changes, finished
-- epochs and job events. Triggers fill it, so every writer on every instance is covered,
-- and notify the instances, whose event streams then read the new rows. The id orders a
-- job's rows and is the SSE event id a client resumes from (Last-Event-ID).
CREATE TABLE job_timeline (
    id              BIGSERIAL PRIMARY KEY,
    job_id          UUID        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    kind            TEXT        NOT NULL CHECK (kind IN ('STATUS', 'EPOCH', 'EVENT')),
    -- STATUS rows: the job's status then, the one before (NULL for a new job) and the
    -- lease of that moment
    status          TEXT,
    previous_status TEXT,
    attempt         INTEGER     NOT NULL,
    worker_id       TEXT,
    failure_reason  TEXT,
    -- EPOCH rows: epoch_metrics.id; EVENT rows: job_events.id
    reference       BIGINT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((kind = 'STATUS') = (status IS NOT NULL)),
    CHECK ((kind = 'STATUS') = (reference IS NULL))
);

CREATE INDEX job_timeline_job_idx ON job_timeline (job_id, id);

-- A reader that has seen row n of a job must never find a smaller id of that job later:
-- so every insert first takes the job's row lock (status changes hold it already) and
-- draws its id under it, and the sequence hands out ids in call order (CACHE 1, the
-- default). Ids of one job then commit in ascending order.
CREATE FUNCTION job_timeline_append(job UUID, entry_kind TEXT, entry_attempt INTEGER, ref BIGINT) RETURNS void AS
$$
BEGIN
    PERFORM 1 FROM jobs WHERE id = job FOR NO KEY UPDATE;
    INSERT INTO job_timeline (job_id, kind, attempt, reference) VALUES (job, entry_kind, entry_attempt, ref);
    PERFORM pg_notify('adamant_job_timeline', job::text);
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION job_timeline_status() RETURNS trigger AS
$$
BEGIN
    INSERT INTO job_timeline (job_id, kind, status, previous_status, attempt, worker_id, failure_reason)
    VALUES (NEW.id, 'STATUS', NEW.status, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.attempt,
            NEW.worker_id, NEW.failure_reason);
    PERFORM pg_notify('adamant_job_timeline', NEW.id::text);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_timeline_created
    AFTER INSERT
    ON jobs
    FOR EACH ROW
EXECUTE FUNCTION job_timeline_status();

-- every status change, re-queues (RUNNING -> QUEUED) included
CREATE TRIGGER jobs_timeline_status
    AFTER UPDATE OF status
    ON jobs
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION job_timeline_status();

CREATE FUNCTION job_timeline_epoch() RETURNS trigger AS
$$
BEGIN
    PERFORM job_timeline_append(NEW.job_id, 'EPOCH', NEW.attempt, NEW.id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER epoch_metrics_timeline
    AFTER INSERT
    ON epoch_metrics
    FOR EACH ROW
EXECUTE FUNCTION job_timeline_epoch();

CREATE FUNCTION job_timeline_event() RETURNS trigger AS
$$
BEGIN
    PERFORM job_timeline_append(NEW.job_id, 'EVENT', NEW.attempt, NEW.id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER job_events_timeline
    AFTER INSERT
    ON job_events
    FOR EACH ROW
EXECUTE FUNCTION job_timeline_event();

-- The history of jobs that exist already, as far as the tables still tell it: queued at
-- creation, running from the first start, the epochs and events, and where the job is now.
INSERT INTO job_timeline (job_id, kind, status, previous_status, attempt, worker_id, failure_reason, reference,
                          created_at)
SELECT job_id, kind, status, previous_status, attempt, worker_id, failure_reason, reference, at
FROM (SELECT id AS job_id, 'STATUS' AS kind, 'QUEUED' AS status, NULL AS previous_status, 0 AS attempt,
             NULL AS worker_id, NULL AS failure_reason, NULL::BIGINT AS reference, created_at AS at, 0 AS rank
      FROM jobs
      UNION ALL
      SELECT id, 'STATUS', 'RUNNING', 'QUEUED', 1, NULL, NULL, NULL, started_at, 1
      FROM jobs
      WHERE started_at IS NOT NULL
      UNION ALL
      SELECT job_id, 'EPOCH', NULL, NULL, attempt, NULL, NULL, id, recorded_at, 2
      FROM epoch_metrics
      UNION ALL
      SELECT job_id, 'EVENT', NULL, NULL, attempt, NULL, NULL, id, created_at, 2
      FROM job_events
      UNION ALL
      SELECT id, 'STATUS', status, CASE WHEN started_at IS NULL THEN 'QUEUED' ELSE 'RUNNING' END, attempt,
             worker_id, failure_reason, NULL, coalesce(finished_at, now()), 3
      FROM jobs
      WHERE status NOT IN ('QUEUED', 'RUNNING') OR (status = 'QUEUED' AND started_at IS NOT NULL)) history
ORDER BY at, rank, reference;
