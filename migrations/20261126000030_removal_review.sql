-- Operators work through removal requests on the admin page (server/src/removals.rs): a
-- rejected request keeps the operator's reason, and every handled one says who handled it.
-- Only adds: the previous release never rejects a request, so the new rule holds for it too.

ALTER TABLE removal_requests
    ADD COLUMN rejection_reason text
        CONSTRAINT removal_requests_rejection_reason_size
        CHECK (length(rejection_reason) BETWEEN 1 AND 2000),
    ADD COLUMN handled_by text
        CONSTRAINT removal_requests_handled_by_size CHECK (length(handled_by) BETWEEN 1 AND 200);

-- The only rejections so far: duplicates closed when one pending request a day became the rule.
UPDATE removal_requests
SET rejection_reason = 'duplicate: the same VIN and contact asked earlier that day',
    handled_by = 'migration'
WHERE status = 'rejected';

ALTER TABLE removal_requests
    ADD CONSTRAINT removal_requests_rejected_with_reason
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL));

-- The admin page's "recently handled" list, newest first.
CREATE INDEX removal_requests_handled_idx ON removal_requests (handled_at DESC, id DESC)
    WHERE status <> 'pending';
