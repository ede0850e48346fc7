-- The parameter count of a job's model, computed at submission.
ALTER TABLE jobs ADD COLUMN parameter_count BIGINT;

-- Early stopping ends a job before its last epoch; it is recorded as an event.
ALTER TABLE job_events DROP CONSTRAINT job_events_type_check;
ALTER TABLE job_events ADD CONSTRAINT job_events_type_check
    CHECK (type IN ('STEP_SKIPPED', 'ROLLBACK', 'DIVERGED', 'EARLY_STOPPED'));
