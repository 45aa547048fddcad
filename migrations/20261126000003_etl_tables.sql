-- ETL bookkeeping: the raw-file registry, typed staging, runs, row errors and lot events.

-- One row per distinct export file (by content). A file seen twice is skipped by its sha256.
CREATE TABLE raw.files (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256              bytea NOT NULL CONSTRAINT files_sha256_unique UNIQUE
                        CONSTRAINT files_sha256_len CHECK (octet_length(sha256) = 32),
    source              text NOT NULL,          -- e.g. 'copart', 'demo', 'file:<name>'
    archive_key         text,                   -- raw/copart/YYYY/MM/DD/HHMM.csv in the archive
    bytes               bigint NOT NULL CONSTRAINT files_bytes_positive CHECK (bytes > 0),
    row_count           integer CONSTRAINT files_row_count_non_negative CHECK (row_count >= 0),
    etag                text,
    last_modified       timestamptz,
    fetched_at          timestamptz NOT NULL DEFAULT now(),
    ingest_started_at   timestamptz,
    ingest_finished_at  timestamptz,
    CONSTRAINT files_ingest_order CHECK (ingest_finished_at IS NULL OR ingest_started_at <= ingest_finished_at)
);

-- Typed rows of the file being processed (COPY target). Unlogged: it is rebuilt from the archived
-- file if lost, and WAL for 150k rows per run is pure cost. Pruned after each run.
CREATE UNLOGGED TABLE staging.lots (
    file_id                 bigint NOT NULL REFERENCES raw.files (id) ON DELETE CASCADE,
    row_no                  integer NOT NULL CHECK (row_no > 0),
    lot_number              bigint NOT NULL,
    vin                     text NOT NULL,
    vin_check_digit_ok      boolean,
    yard_number             integer NOT NULL,
    yard_name               text NOT NULL,
    sale_date               date,
    sale_time_local         time,
    time_zone               text NOT NULL,
    auction_at              timestamptz,
    day_of_week             text,
    item_number             integer,
    vehicle_type            char(1) NOT NULL,
    year                    smallint,
    make                    text,
    model                   text,
    model_detail            text,
    trim                    text,
    body_style              text,
    color                   text,
    engine                  text,
    drive                   text,
    transmission            text,
    fuel_type               text,
    cylinders               smallint,
    damage_primary          text,
    damage_secondary        text,
    title_state             text,
    title_type              text,
    has_keys                text,
    lot_cond_code           text,
    odometer_mi             integer,
    odometer_brand          text,
    est_retail_value_cents  bigint,
    repair_cost_cents       bigint,
    current_bid_cents       bigint NOT NULL,
    buy_it_now_cents        bigint,
    runs_drives             text,
    sale_status             text NOT NULL,
    sale_status_raw         text NOT NULL,
    special_note            text,
    location_city           text,
    location_state          text,
    location_zip            text,
    location_country        text,
    currency_code           char(3),
    image_thumbnail         text,
    image_url               text,
    source_created_at       timestamp,
    grid_row                text,
    make_offer_eligible     boolean,
    seller_name             text,
    source_updated_at       timestamptz NOT NULL,
    PRIMARY KEY (file_id, row_no)
);

-- Every job run (ETL, demo load, images, …) with its timings and counts.
CREATE TABLE audit.runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job             text NOT NULL,               -- 'etl', 'demo', 'images', 'retention'
    status          text NOT NULL DEFAULT 'running'
                    CONSTRAINT runs_status_known CHECK (status IN ('running','succeeded','skipped','failed')),
    file_id         bigint REFERENCES raw.files (id) ON DELETE SET NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    bytes           bigint,
    rows_total      integer,
    rows_valid      integer,
    rows_invalid    integer,
    inserted        integer,
    updated         integer,
    unchanged       integer,
    step_ms         jsonb NOT NULL DEFAULT '{}'::jsonb,   -- {"fetch": 1200, "parse": 800, …}
    error           text,
    CONSTRAINT runs_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at),
    CONSTRAINT runs_terminal_has_end CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX runs_job_started_idx ON audit.runs (job, started_at DESC);

-- Rows that failed parsing: which file, which row, which column, why. They do not stop the file.
CREATE TABLE audit.row_errors (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint NOT NULL REFERENCES audit.runs (id) ON DELETE CASCADE,
    file_id     bigint REFERENCES raw.files (id) ON DELETE CASCADE,
    row_no      integer NOT NULL CHECK (row_no > 0),
    column_name text,                 -- NULL for record-level errors (wrong field count)
    value       text,
    reason      text NOT NULL
);
CREATE INDEX row_errors_run_idx ON audit.row_errors (run_id);

-- What changed between consecutive exports, per lot.
CREATE TABLE audit.lot_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id         bigint NOT NULL REFERENCES raw.files (id) ON DELETE CASCADE,
    lot_number      bigint NOT NULL,
    vin             text,
    event           text NOT NULL CONSTRAINT lot_events_event_known CHECK (event IN
                        ('appeared','disappeared','status_changed','bid_changed','sale_date_changed','relisted')),
    old_value       text,
    new_value       text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lot_events_lot_idx ON audit.lot_events (lot_number, id);
CREATE INDEX lot_events_vin_idx ON audit.lot_events (vin, id) WHERE vin IS NOT NULL;
CREATE INDEX lot_events_file_idx ON audit.lot_events (file_id);

GRANT SELECT ON raw.files, audit.runs, audit.row_errors, audit.lot_events TO vinops_web;
GRANT SELECT, INSERT, UPDATE, DELETE ON raw.files, staging.lots, audit.runs, audit.row_errors, audit.lot_events TO vinops_etl;
