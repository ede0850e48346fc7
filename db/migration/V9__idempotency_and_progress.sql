-- Idempotency-Key: a retried POST finds the resource its first attempt created.
-- The key row is inserted in the transaction that creates the resource, so a concurrent
-- retry waits on the primary key until that transaction ends, then replays its result.
CREATE TABLE idempotency_keys (
    scope         TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    -- SHA-256 of the request body as the service read it: the same key with another body
    -- is refused
    request_hash  CHAR(64)    NOT NULL,
    resource_id   UUID,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Progress inside an epoch, written with each heartbeat of a running job.
ALTER TABLE jobs
    ADD COLUMN epoch_iteration  INTEGER CHECK (epoch_iteration >= 0),
    ADD COLUMN epoch_iterations INTEGER CHECK (epoch_iterations > 0);

-- listing by name
CREATE INDEX jobs_name_idx ON jobs (lower(name) text_pattern_ops);
