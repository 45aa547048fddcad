-- ETL ingest: where each lot was last seen, and room for that write to stay cheap.
--
-- `last_seen_file_id` is set for every lot present in an ingested file (also for unchanged
-- lots); the events/outcomes step compares it with the newest file to find lots that
-- disappeared. It is deliberately not indexed: an index on a column that changes every run
-- would turn the per-run "seen" UPDATE into an index write per lot and forbid HOT updates.
ALTER TABLE lots ADD COLUMN last_seen_file_id bigint REFERENCES raw.files (id) ON DELETE SET NULL;

-- Leave free space in every page so the per-run UPDATE of last_seen_at/last_seen_file_id (no
-- indexed column changes) is a heap-only (HOT) update: no index entries are written for it.
ALTER TABLE lots SET (fillfactor = 85);

-- The ETL deletes a file's staging rows at the end of its run (already granted DELETE on
-- staging.lots); nothing else is needed. Staging holds at most the file being ingested.
