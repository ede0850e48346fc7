-- API keys: only the SHA-256 of each secret is stored.
CREATE TABLE api_keys (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    owner      TEXT        NOT NULL CHECK (owner ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$'),
    role       TEXT        NOT NULL CHECK (role IN ('ADMIN', 'USER')),
    -- the secret's first characters, to recognise a key in a listing
    key_prefix TEXT        NOT NULL,
    key_hash   CHAR(64)    NOT NULL UNIQUE,
    -- limits set on this key; a missing one comes from the configured defaults
    quotas     JSONB       NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);

CREATE INDEX api_keys_created_idx ON api_keys (created_at DESC, id);

-- Every resource has an owner. Rows from before keys existed belong to the bootstrap admin's
-- owner, 'admin'.
ALTER TABLE jobs ADD COLUMN owner TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE jobs ALTER COLUMN owner DROP DEFAULT;
CREATE INDEX jobs_owner_created_idx ON jobs (owner, created_at DESC, id);
CREATE INDEX jobs_owner_active_idx ON jobs (owner) WHERE status IN ('QUEUED', 'RUNNING');

ALTER TABLE datasets ADD COLUMN owner TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE datasets ALTER COLUMN owner DROP DEFAULT;
CREATE INDEX datasets_owner_idx ON datasets (owner);

ALTER TABLE sweeps ADD COLUMN owner TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE sweeps ALTER COLUMN owner DROP DEFAULT;
CREATE INDEX sweeps_owner_created_idx ON sweeps (owner, created_at DESC, id);
