-- Photo archive progress per lot, kept by the images job (issue 5). A lot with no row here has
-- never been tried. The images themselves are rows of `images` (one per seq × variant).
--
-- A separate table rather than columns on `lots`: the ETL rewrites lots in bulk and must not
-- have to carry (or race with) the image job's bookkeeping.
CREATE TABLE lot_photos (
    lot_id          bigint PRIMARY KEY REFERENCES lots (id) ON DELETE CASCADE,
    -- stored: every photo the API listed is in storage (photos = how many sequences);
    -- none:   the API answered 404 or listed no photos; not retried by the regular runs;
    -- retry:  a transient failure (429, 5xx, timeout, storage down); due again at next_attempt_at.
    status          text NOT NULL
                    CONSTRAINT lot_photos_status_known CHECK (status IN ('stored', 'none', 'retry')),
    photos          smallint NOT NULL DEFAULT 0 CONSTRAINT lot_photos_photos_non_negative CHECK (photos >= 0),
    attempts        integer NOT NULL DEFAULT 0 CONSTRAINT lot_photos_attempts_non_negative CHECK (attempts >= 0),
    next_attempt_at timestamptz,
    last_error      text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lot_photos_retry_has_time CHECK ((status = 'retry') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX lot_photos_retry_due_idx ON lot_photos (next_attempt_at) WHERE status = 'retry';

-- Lots the images job should work on now: listed in the export, with an image API URL, never
-- tried or due for a retry. The job orders them (newest auctions first); /health counts them.
CREATE VIEW v_lots_needing_photos AS
SELECT l.id AS lot_id, l.lot_number, l.yard_number, l.image_url, l.auction_at, l.first_seen_at
FROM lots l
LEFT JOIN lot_photos p ON p.lot_id = l.id
WHERE l.image_url IS NOT NULL
  AND l.disappeared_at IS NULL
  AND (p.lot_id IS NULL OR (p.status = 'retry' AND p.next_attempt_at <= now()));

GRANT SELECT ON lot_photos, v_lots_needing_photos TO vinops_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON lot_photos TO vinops_etl;
GRANT SELECT ON v_lots_needing_photos TO vinops_etl;
GRANT DELETE ON images TO vinops_etl;
