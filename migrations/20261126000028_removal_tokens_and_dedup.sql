-- The removal form's tokens are single-use, and a VIN gets at most one pending request per
-- contact and day (server/src/http/seo/removal_record.rs).

-- The tag (hex HMAC) of every form token spent, inserted in the same transaction as the request
-- it carried: a replay, on any replica and after any restart, finds its tag taken. The request
-- it stands for (the one recorded, or the pending one it repeated) tells a resend of the same
-- submission (a double click: answered as the first time) from a replay with other contents.
-- Rows older than a token's lifetime (6 h) are deleted by the form itself as it goes.
CREATE TABLE removal_form_tokens (
    tag             text COLLATE "C" PRIMARY KEY
                    CONSTRAINT removal_form_tokens_tag_format CHECK (tag ~ '^[0-9a-f]{64}$'),
    request_id      bigint REFERENCES removal_requests (id) ON DELETE SET NULL,
    used_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX removal_form_tokens_used_at_idx ON removal_form_tokens (used_at);

-- Requests recorded twice for one VIN, contact and day before this rule: the first stays
-- pending and stands for the others, which are closed (their text stays for the operator).
UPDATE removal_requests r
SET status = 'rejected', handled_at = now()
WHERE r.status = 'pending'
  AND EXISTS (
      SELECT 1 FROM removal_requests f
      WHERE f.status = 'pending'
        AND f.vin = r.vin
        AND lower(coalesce(f.contact, '')) = lower(coalesce(r.contact, ''))
        AND (f.requested_at AT TIME ZONE 'UTC')::date = (r.requested_at AT TIME ZONE 'UTC')::date
        AND f.id < r.id
  );

-- One pending request per VIN, contact (case-folded; no contact is one contact of its own) and
-- UTC day. Unique, so two replicas inserting at once cannot both succeed: the form inserts
-- with ON CONFLICT DO NOTHING and answers the duplicate with the same confirmation.
CREATE UNIQUE INDEX removal_requests_one_pending_a_day
    ON removal_requests (vin, lower(coalesce(contact, '')), ((requested_at AT TIME ZONE 'UTC')::date))
    WHERE status = 'pending';

-- Written by the site-write pool (ETL role), like removal_requests; the web role gets nothing.
GRANT SELECT, INSERT, UPDATE, DELETE ON removal_form_tokens TO vinops_etl;
