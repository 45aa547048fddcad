-- Photos of suppressed VINs still to be deleted from the store (issue 6, item 5: a removed VIN's
-- photos are no longer served; with a bucket, the pages' photo URLs point straight at it, so
-- the objects themselves must go).
--
-- A suppression writes this row in its own transaction, so the removal never depends on the
-- store being up. The purge (server/src/images/purge/) deletes every object of every lot of
-- the VIN, then the lots' `images` and `lot_photos` rows, and deletes this row in the same
-- transaction: a row here means "not done yet", and nothing is forgotten. It is tried at once
-- after the suppression commits and again by the `photo_purge` job until it succeeds;
-- `next_attempt_at` is both the back-off after a failure and the lease of an attempt in
-- progress (so two replicas do not work on one VIN). /health reports the rows.
-- An unsuppress deletes the row: the objects that are still there may be shown again.
--
-- `ticket` changes with every request (a new suppression, or the images job asking again after
-- it stored a photo of a VIN suppressed meanwhile and could not delete it): an attempt deletes
-- the row only if the ticket it started with is still there, so a request made during an
-- attempt is never lost with it.
CREATE SEQUENCE photo_purges_ticket_seq;
CREATE TABLE photo_purges (
    vin             text COLLATE "C" PRIMARY KEY
                    CONSTRAINT photo_purges_vin_format CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{11,17}$'),
    requested_at    timestamptz NOT NULL DEFAULT now(),
    ticket          bigint NOT NULL DEFAULT nextval('photo_purges_ticket_seq'),
    attempts        integer NOT NULL DEFAULT 0
                    CONSTRAINT photo_purges_attempts_non_negative CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- Why the last attempt failed (NULL: none has failed yet).
    last_error      text CONSTRAINT photo_purges_last_error_size CHECK (length(last_error) <= 1000)
);
CREATE INDEX photo_purges_due_idx ON photo_purges (next_attempt_at);

-- /health reads it (web role); suppress, unsuppress and the purge write it (ETL role). The
-- purge also deletes `images` and `lot_photos` rows (granted to vinops_etl in 0013).
GRANT SELECT ON photo_purges TO vinops_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON photo_purges TO vinops_etl;
GRANT USAGE ON SEQUENCE photo_purges_ticket_seq TO vinops_etl;
