-- Removal requests, the suppression log, and the sitemap shard key (issue 6, items 3 and 5).

-- What visitors ask for through the "remove this vehicle" form. A request changes nothing by
-- itself: an operator applies it (`vinops-server suppress`, or the admin endpoint), which marks
-- the VIN's pending requests `applied`. No IP address is stored (the rate limit is in memory).
CREATE TABLE removal_requests (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin             text COLLATE "C" NOT NULL
                    CONSTRAINT removal_requests_vin_format CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{11,17}$'),
    lang            text NOT NULL CONSTRAINT removal_requests_lang_known CHECK (lang IN ('en', 'ru')),
    reason          text NOT NULL
                    CONSTRAINT removal_requests_reason_size CHECK (length(reason) BETWEEN 1 AND 2000),
    contact         text CONSTRAINT removal_requests_contact_size CHECK (length(contact) <= 200),
    status          text NOT NULL DEFAULT 'pending'
                    CONSTRAINT removal_requests_status_known CHECK (status IN ('pending', 'applied', 'rejected')),
    requested_at    timestamptz NOT NULL DEFAULT now(),
    handled_at      timestamptz,
    CONSTRAINT removal_requests_handled_when_done CHECK ((status = 'pending') = (handled_at IS NULL))
);
CREATE INDEX removal_requests_pending_idx ON removal_requests (vin) WHERE status = 'pending';

-- Every suppress and unsuppress, append-only. Its largest id is folded into the cache's dataset
-- version (server/src/cache/version.rs), so a change here makes every cached listing
-- unreachable within DATASET_VERSION_REFRESH_MS, exactly as an ETL run does.
CREATE TABLE suppression_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin             text COLLATE "C" NOT NULL
                    CONSTRAINT suppression_events_vin_format CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{11,17}$'),
    action          text NOT NULL CONSTRAINT suppression_events_action_known CHECK (action IN ('suppress', 'unsuppress')),
    reason          text,
    actor           text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- The sitemap shard key: 20 bits of the MD5 of the VIN. A VIN sitemap shard is one contiguous
-- range of this key (shard k of N covers [k·2^20/N, (k+1)·2^20/N)), read through this index in
-- (key, VIN) keyset batches, so a shard costs a few range scans, never an OFFSET. When the
-- number of VINs grows past N·25,000 the server doubles N and every shard splits into two
-- halves: a VIN only ever moves to one of its old shard's two children. MD5, not hashtext():
-- its value is fixed forever, so the index survives PostgreSQL upgrades unchanged.
CREATE FUNCTION sitemap_bucket(vin text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ('x' || substr(md5(vin), 1, 5))::bit(20)::integer;

CREATE INDEX vehicles_sitemap_bucket_idx ON vehicles (sitemap_bucket(vin), vin);

GRANT SELECT ON removal_requests, suppression_events TO vinops_web;
-- The site records requests and the operator's endpoint applies them through the ETL role (the
-- web role stays read-only); the CLI uses the same role.
GRANT SELECT, INSERT, UPDATE ON removal_requests TO vinops_etl;
GRANT SELECT, INSERT ON suppression_events TO vinops_etl;
GRANT INSERT, UPDATE, DELETE ON suppressions TO vinops_etl;
