-- Sweeps: one base spec, axes of values for spec paths, and one child job per combination.
CREATE TABLE sweeps (
    id           UUID PRIMARY KEY,
    name         TEXT             NOT NULL,
    -- the base spec as submitted; each child fills its own defaults
    base_spec    JSONB            NOT NULL,
    -- [{"path": "optimizer.learningRate", "values": [0.1, 0.01]}, …], in the order given
    axes         JSONB            NOT NULL,
    -- the child job ids in grid order (the last axis varies fastest), so that child k is
    -- combination k of the axes
    children     JSONB            NOT NULL,
    target_loss  DOUBLE PRECISION CHECK (target_loss > 0),
    -- set by the first cancel of the sweep; its children carry their own cancel state
    cancelled_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ      NOT NULL DEFAULT now()
);

-- listing, newest first
CREATE INDEX sweeps_created_idx ON sweeps (created_at DESC, id);

-- the sweep a job belongs to, if any
ALTER TABLE jobs ADD COLUMN sweep_id UUID REFERENCES sweeps (id);
CREATE INDEX jobs_sweep_idx ON jobs (sweep_id) WHERE sweep_id IS NOT NULL;
