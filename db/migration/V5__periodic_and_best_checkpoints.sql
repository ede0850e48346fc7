-- Checkpoints taken while training: every N epochs (the last K kept) and the best epoch.
ALTER TABLE checkpoints DROP CONSTRAINT checkpoints_kind_check;
ALTER TABLE checkpoints ADD CONSTRAINT checkpoints_kind_check
    CHECK (kind IN ('PERIODIC', 'BEST', 'FINAL', 'LAST_GOOD'));

-- What the network scored when it was saved (train and validation loss, accuracy or RMSE).
ALTER TABLE checkpoints ADD COLUMN metrics JSONB;

CREATE INDEX checkpoints_resume_idx ON checkpoints (job_id, epoch DESC) WHERE kind IN ('PERIODIC', 'BEST');
