-- The suppression journal: every suppress and unsuppress is also written, after its commit, as
-- one object in the private archive store (server/src/suppress/journal.rs), outside the
-- database. A database restored from a backup, or to a point in time before a removal, loses the
-- removals made after that point; `vinops-server suppressions replay` reads the journal and
-- applies them again, so a restore never brings a removed VIN back.
--
-- NULL: not in the journal yet. The commit tries at once; the photo_purge job retries the rest
-- and /health degrades when one waits longer than 15 min. Rows that existed before this column
-- start NULL and are journaled by the first run, which is what a first backup needs.
ALTER TABLE suppression_events ADD COLUMN journaled_at timestamptz;

CREATE INDEX suppression_events_unjournaled_idx ON suppression_events (id) WHERE journaled_at IS NULL;

GRANT UPDATE (journaled_at) ON suppression_events TO vinops_etl;
