-- Training jobs: the API's records and the work queue in one table.
CREATE TABLE jobs (
    id               UUID PRIMARY KEY,
    name             TEXT,
    status           TEXT        NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    spec             JSONB       NOT NULL,
    priority         INTEGER     NOT NULL DEFAULT 0,
    epochs_total     INTEGER     NOT NULL CHECK (epochs_total > 0),
    epochs_done      INTEGER     NOT NULL DEFAULT 0 CHECK (epochs_done >= 0),
    failure_reason   TEXT,
    cancel_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    -- lease: which worker holds the job, when it last proved it is alive, and a fencing
    -- version bumped on every claim so that a worker that lost its lease cannot write
    attempt          INTEGER     NOT NULL DEFAULT 0,
    worker_id        TEXT,
    heartbeat_at     TIMESTAMPTZ,
    lease_version    BIGINT      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);

-- the claim: highest priority first, FIFO within a priority
CREATE INDEX jobs_queue_idx ON jobs (priority DESC, created_at, id) WHERE status = 'QUEUED';
-- the reaper: running jobs by heartbeat
CREATE INDEX jobs_lease_idx ON jobs (heartbeat_at) WHERE status = 'RUNNING';
-- listing, newest first, optionally by status
CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id);
CREATE INDEX jobs_status_created_idx ON jobs (status, created_at DESC, id);

-- One row per finished epoch. Rows of an attempt that was abandoned are archived, not deleted.
CREATE TABLE epoch_metrics (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id              UUID             NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    attempt             INTEGER          NOT NULL,
    epoch               INTEGER          NOT NULL CHECK (epoch > 0),
    train_loss          DOUBLE PRECISION NOT NULL,
    validation_loss     DOUBLE PRECISION,
    validation_accuracy DOUBLE PRECISION,
    validation_rmse     DOUBLE PRECISION,
    learning_rate       DOUBLE PRECISION NOT NULL,
    grad_norm_mean      DOUBLE PRECISION NOT NULL,
    grad_norm_max       DOUBLE PRECISION NOT NULL,
    iterations          INTEGER          NOT NULL,
    samples             INTEGER          NOT NULL,
    duration_ms         BIGINT           NOT NULL,
    samples_per_second  DOUBLE PRECISION NOT NULL,
    archived            BOOLEAN          NOT NULL DEFAULT FALSE,
    recorded_at         TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX epoch_metrics_current_uq ON epoch_metrics (job_id, epoch) WHERE NOT archived;
CREATE INDEX epoch_metrics_job_idx ON epoch_metrics (job_id, epoch, attempt);

-- Serialised DL4J networks (ModelSerializer zip, with updater state and normaliser).
CREATE TABLE checkpoints (
    id         UUID PRIMARY KEY,
    job_id     UUID        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    epoch      INTEGER     NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('FINAL')),
    size_bytes BIGINT      NOT NULL CHECK (size_bytes > 0),
    sha256     CHAR(64)    NOT NULL,
    content    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX checkpoints_job_idx ON checkpoints (job_id, epoch);

-- Wake idle workers on any instance when a job becomes claimable.
CREATE FUNCTION notify_job_queued() RETURNS trigger AS
$$
BEGIN
    PERFORM pg_notify('adamant_job_queued', NEW.id::text);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_queued_notify
    AFTER INSERT OR UPDATE OF status
    ON jobs
    FOR EACH ROW
    WHEN (NEW.status = 'QUEUED')
EXECUTE FUNCTION notify_job_queued();

-- Tell the instance that trains a job that its owner asked to cancel it.
CREATE FUNCTION notify_job_cancel() RETURNS trigger AS
$$
BEGIN
    PERFORM pg_notify('adamant_job_cancel', NEW.id::text);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_cancel_notify
    AFTER UPDATE OF cancel_requested
    ON jobs
    FOR EACH ROW
    WHEN (NEW.cancel_requested AND NOT OLD.cancel_requested)
EXECUTE FUNCTION notify_job_cancel();
