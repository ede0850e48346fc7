-- A counter per job that every change to its epoch_metrics rows raises in the same
-- transaction: an instance that serves a job's metrics from its cache checks the counter
-- first, so a cached answer is never older than the rows. Row-level triggers on insert
-- and on update (archiving) cover every writer on every instance; rows are deleted only
-- with their job (ON DELETE CASCADE), whose metrics can then no longer be read.
-- The upsert's row lock orders concurrent writers, so each commit shows a new value.
CREATE TABLE epoch_metrics_revisions (
    job_id   UUID   PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    revision BIGINT NOT NULL
);

CREATE FUNCTION epoch_metrics_revise() RETURNS trigger AS
$$
BEGIN
    INSERT INTO epoch_metrics_revisions (job_id, revision) VALUES (NEW.job_id, 1)
    ON CONFLICT (job_id) DO UPDATE SET revision = epoch_metrics_revisions.revision + 1;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER epoch_metrics_revision
    AFTER INSERT OR UPDATE
    ON epoch_metrics
    FOR EACH ROW
EXECUTE FUNCTION epoch_metrics_revise();
