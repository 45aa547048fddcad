-- ETL ingest: which lots each file held, and which file last wrote each lot.
--
-- `raw.files.lot_numbers` is the sorted set of lot numbers present (as valid rows) in the file.
-- The events/outcomes step diffs the newest two files' sets to find lots that appeared or
-- disappeared. It is one array per file rather than a "seen" mark on every lot because moving
-- such a mark on all ~150k lots of an export rewrites every ~1 KB lot row (measured: 9–11 s per
-- export, and WAL for the whole table) even when 3% changed. The ETL keeps the arrays of the
-- newest files only (see `upsert::prune`), so they do not accumulate.
ALTER TABLE raw.files ADD COLUMN lot_numbers bigint[];

-- The file whose row last inserted or changed the lot (not moved for unchanged lots; presence
-- per file is `raw.files.lot_numbers`).
ALTER TABLE lots ADD COLUMN last_seen_file_id bigint REFERENCES raw.files (id) ON DELETE SET NULL;

-- The ETL deletes a file's staging rows at the end of its run: DELETE on staging.lots is
-- already granted, so nothing else is needed. Staging holds at most the file being ingested.
