-- A graceful shutdown checkpoints a running job between two iterations of an epoch:
-- resume_batch is the first batch of the unfinished epoch still to train.
ALTER TABLE checkpoints DROP CONSTRAINT checkpoints_kind_check;
ALTER TABLE checkpoints ADD CONSTRAINT checkpoints_kind_check
    CHECK (kind IN ('PERIODIC', 'BEST', 'FINAL', 'LAST_GOOD', 'SHUTDOWN'));
ALTER TABLE checkpoints ADD COLUMN resume_batch INTEGER;

DROP INDEX checkpoints_resume_idx;
CREATE INDEX checkpoints_resume_idx ON checkpoints (job_id, epoch DESC)
    WHERE kind IN ('PERIODIC', 'BEST', 'SHUTDOWN');
