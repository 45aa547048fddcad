-- The file columns of `audit.runs` (file_id, bytes, rows_*, inserted, updated, unchanged) are the
-- ETL's: a file's size and rows. The images job used to store its own figures there under other
-- meanings (lots tried in rows_total, photos stored in inserted, …); it now keeps them in `counts`,
-- like retention. Its older rows move there too, under the keys the job writes now, so every
-- images row reads the same way; then a CHECK keeps the file columns to ETL runs.
UPDATE audit.runs
SET counts = counts || jsonb_strip_nulls(jsonb_build_object(
        'lots', rows_total,
        'lots_stored', rows_valid,
        'lots_retry', rows_invalid,
        'lots_none', unchanged,
        'images_stored', inserted,
        'bytes', bytes)),
    rows_total = NULL, rows_valid = NULL, rows_invalid = NULL, unchanged = NULL,
    inserted = NULL, updated = NULL, bytes = NULL
WHERE job = 'images';

ALTER TABLE audit.runs ADD CONSTRAINT runs_file_columns_etl_only CHECK (
    job = 'etl' OR (file_id IS NULL AND bytes IS NULL AND rows_total IS NULL AND rows_valid IS NULL
                    AND rows_invalid IS NULL AND inserted IS NULL AND updated IS NULL
                    AND unchanged IS NULL));
