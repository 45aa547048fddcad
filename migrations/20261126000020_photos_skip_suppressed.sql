-- The images job must not archive photos of a suppressed VIN (a removal request asks us to stop
-- showing them), and /health must not count such lots as waiting for photos.
CREATE OR REPLACE VIEW v_lots_needing_photos AS
SELECT l.id AS lot_id, l.lot_number, l.yard_number, l.image_url, l.auction_at, l.first_seen_at
FROM lots l
LEFT JOIN lot_photos p ON p.lot_id = l.id
WHERE l.image_url IS NOT NULL
  AND l.disappeared_at IS NULL
  AND (p.lot_id IS NULL OR (p.status = 'retry' AND p.next_attempt_at <= now()))
  AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin);
