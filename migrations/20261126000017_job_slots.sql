-- The scheduler's ledger (issue 5): one row per scheduled job per time slot, across every
-- replica of `serve`. A replica runs a slot only if its INSERT … ON CONFLICT DO NOTHING made the
-- row; the session advisory lock each run also takes only stops two *different* slots of a job
-- from overlapping, it cannot stop replica B from running a slot replica A already finished.
CREATE TABLE audit.job_slots (
    job         text NOT NULL CONSTRAINT job_slots_job_present CHECK (length(job) > 0),
    -- The scheduled instant this run stands for (the cron occurrence, UTC), not the firing time:
    -- replicas fire a few hundred ms apart and must agree on it.
    slot        timestamptz NOT NULL,
    -- Which process claimed it: host name, pid and a random per-process id.
    instance    text NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    -- running:   claimed, working;
    -- succeeded / failed: the job's own verdict;
    -- skipped:   claimed but not run (the previous slot's run still holds the job's lock, the
    --            job found nothing to do, or the process was shutting down);
    -- panicked:  the job's task panicked (the other jobs and the web server go on);
    -- cancelled: still running when the shutdown grace period ran out (its transaction rolled back).
    outcome     text NOT NULL DEFAULT 'running'
                CONSTRAINT job_slots_outcome_known CHECK (outcome IN
                    ('running','succeeded','failed','skipped','panicked','cancelled')),
    -- The job's own run row when it writes one (ETL, images, retention).
    run_id      bigint REFERENCES audit.runs (id) ON DELETE SET NULL,
    counts      jsonb NOT NULL DEFAULT '{}'::jsonb,
    error       text,
    PRIMARY KEY (job, slot),
    CONSTRAINT job_slots_terminal_has_end CHECK ((outcome = 'running') = (finished_at IS NULL)),
    CONSTRAINT job_slots_finished_after_claim CHECK (finished_at IS NULL OR finished_at >= claimed_at)
);
CREATE INDEX job_slots_claimed_idx ON audit.job_slots (claimed_at);

-- Counts of jobs whose numbers do not fit the ETL's columns (retention: rows deleted per kind;
-- ETL: lot events and inferred outcomes per kind, for /health).
ALTER TABLE audit.runs ADD COLUMN counts jsonb NOT NULL DEFAULT '{}'::jsonb;

-- /health draws photos stored per hour over the last day; without this it would scan every
-- image row on each refresh.
CREATE INDEX images_created_at_idx ON images (created_at);

GRANT SELECT ON audit.job_slots TO vinops_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON audit.job_slots TO vinops_etl;
