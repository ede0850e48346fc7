-- Divergence: a job can end DIVERGED, keeping its last good state as a checkpoint.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'DIVERGED'));

ALTER TABLE checkpoints DROP CONSTRAINT checkpoints_kind_check;
ALTER TABLE checkpoints ADD CONSTRAINT checkpoints_kind_check CHECK (kind IN ('FINAL', 'LAST_GOOD'));

-- Gradient-explosion telemetry per epoch. Columns are nullable where rows written before
-- this migration have no value; new rows always fill them.
ALTER TABLE epoch_metrics
    ALTER COLUMN learning_rate DROP NOT NULL, -- AdaDelta has no learning rate
    ADD COLUMN clipped_grad_norm_mean DOUBLE PRECISION,
    ADD COLUMN clipped_grad_norm_max  DOUBLE PRECISION,
    ADD COLUMN clipped_fraction       DOUBLE PRECISION,
    ADD COLUMN non_finite_iterations  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN skipped_steps          INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN parameter_norm         DOUBLE PRECISION,
    ADD COLUMN update_ratio_log10     DOUBLE PRECISION,
    ADD COLUMN layers                 JSONB;

-- What happened to a job besides its epochs: skipped steps, rollbacks, divergence.
CREATE TABLE job_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id        UUID        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    attempt       INTEGER     NOT NULL,
    type          TEXT        NOT NULL CHECK (type IN ('STEP_SKIPPED', 'ROLLBACK', 'DIVERGED')),
    epoch         INTEGER     NOT NULL,
    iteration     INTEGER     NOT NULL,
    reason        TEXT        NOT NULL,
    detail        TEXT        NOT NULL,
    value         DOUBLE PRECISION,
    learning_rate DOUBLE PRECISION,
    checkpoint_id UUID REFERENCES checkpoints (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX job_events_job_idx ON job_events (job_id, id);
