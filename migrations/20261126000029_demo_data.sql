-- Demo data stays demo (`vinops-dev demo`, server/dev/src/demo): generated lots are recorded as
-- such, so that the photo job never asks Copart for made-up lots, the site can say it shows demo
-- data and keep it out of the sitemaps, and `vinops-dev demo purge` removes exactly them.

-- The lots a demo load wrote. A real export that later lists the same lot number takes the lot
-- over (the ETL deletes its row here: it is real from then on).
CREATE TABLE demo_lots (
    lot_id          bigint PRIMARY KEY REFERENCES lots (id) ON DELETE CASCADE,
    run_id          bigint NOT NULL
);

GRANT SELECT ON demo_lots TO vinops_web;
GRANT SELECT, INSERT, DELETE ON demo_lots TO vinops_etl;

-- A demo load goes through the ETL, but its run is recorded as job 'demo', not 'etl': it is not
-- a success of the real export (/health's ETL rule ignores it). Its file columns are the ETL's.
ALTER TABLE audit.runs DROP CONSTRAINT runs_file_columns_etl_only;
ALTER TABLE audit.runs ADD CONSTRAINT runs_file_columns_etl_only CHECK (
    job IN ('etl', 'demo') OR (file_id IS NULL AND bytes IS NULL AND rows_total IS NULL
                               AND rows_valid IS NULL AND rows_invalid IS NULL AND inserted IS NULL
                               AND updated IS NULL AND unchanged IS NULL));

-- Demo lots are never photo work for the regular job (their URLs name no real photo API); the
-- demo's own photo step asks for them by the `demo` column, added last (a view can only grow
-- at the end).
CREATE OR REPLACE VIEW v_lots_needing_photos AS
SELECT l.id AS lot_id, l.lot_number, l.yard_number, l.image_url, l.auction_at, l.first_seen_at,
       EXISTS (SELECT 1 FROM demo_lots d WHERE d.lot_id = l.id) AS demo
FROM lots l
LEFT JOIN lot_photos p ON p.lot_id = l.id
WHERE l.image_url IS NOT NULL
  AND l.disappeared_at IS NULL
  AND (p.lot_id IS NULL OR (p.status = 'retry' AND p.next_attempt_at <= now()))
  AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin);
