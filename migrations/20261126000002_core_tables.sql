-- Core catalog tables: vehicles (one row per VIN) and lots (one row per Copart lot).
--
-- The VIN rule here is the SQL twin of `vinops::vin::Vin::parse` (VIN_SQL_PATTERN): 11–17 of
-- [A-HJ-NPR-Z0-9], stored upper-case. Money is integer cents (no NUMERIC-as-string JSON), the
-- odometer is whole miles and 0 is a real reading.

CREATE TABLE vehicles (
    vin                 text PRIMARY KEY
                        CONSTRAINT vehicles_vin_format CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{11,17}$'),
    -- ISO 3779 check digit verdict: NULL for VINs shorter than 17.
    vin_check_digit_ok  boolean,
    year                smallint CONSTRAINT vehicles_year_range CHECK (year BETWEEN 1900 AND 2100),
    make                text,
    model               text,          -- Copart "Model Group"
    model_detail        text,          -- Copart "Model Detail" (often truncated)
    trim                text,
    body_style          text,
    color               text,
    engine              text,
    drive               text,
    transmission        text,
    fuel_type           text,
    cylinders           smallint CONSTRAINT vehicles_cylinders_range CHECK (cylinders BETWEEN 1 AND 24),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vehicles_check_digit_only_for_17 CHECK (vin_check_digit_ok IS NULL OR length(vin) = 17)
);

CREATE TABLE lots (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lot_number              bigint NOT NULL
                            CONSTRAINT lots_lot_number_unique UNIQUE
                            CONSTRAINT lots_lot_number_positive CHECK (lot_number > 0 AND lot_number <= 4294967295),
    vin                     text NOT NULL REFERENCES vehicles (vin) ON UPDATE CASCADE ON DELETE RESTRICT,
    yard_number             integer NOT NULL CHECK (yard_number >= 0),
    yard_name               text NOT NULL,
    -- Sale Date M/D/CY is YYYYMMDD; 0 = not scheduled → NULL.
    sale_date               date,
    sale_time_local         time,
    time_zone               text NOT NULL
                            CONSTRAINT lots_time_zone_known CHECK (time_zone IN
                                ('EST','EDT','CST','CDT','MST','MDT','PST','PDT','AKST','AKDT','HST','HDT','AST','ADT')),
    -- The UTC instant of the sale: sale date + yard-local time − the zone's offset.
    auction_at              timestamptz,
    day_of_week             text,
    item_number             integer,
    vehicle_type            char(1) NOT NULL CONSTRAINT lots_vehicle_type_letter CHECK (vehicle_type ~ '^[A-Z]$'),
    damage_primary          text,
    damage_secondary        text,
    title_state             text,
    title_type              text,
    has_keys                text CONSTRAINT lots_has_keys_known CHECK (has_keys IN ('yes','no','exempt')),
    lot_cond_code           text,
    odometer_mi             integer CONSTRAINT lots_odometer_non_negative CHECK (odometer_mi >= 0),
    odometer_brand          text,
    est_retail_value_cents  bigint CONSTRAINT lots_est_retail_non_negative CHECK (est_retail_value_cents >= 0),
    repair_cost_cents       bigint CONSTRAINT lots_repair_cost_non_negative CHECK (repair_cost_cents >= 0),
    current_bid_cents       bigint NOT NULL DEFAULT 0 CONSTRAINT lots_current_bid_non_negative CHECK (current_bid_cents >= 0),
    buy_it_now_cents        bigint CONSTRAINT lots_buy_it_now_positive CHECK (buy_it_now_cents > 0),
    runs_drives             text,
    sale_status             text NOT NULL
                            CONSTRAINT lots_sale_status_known CHECK (sale_status IN
                                ('pure_sale','on_minimum_bid','on_approval','future_sale','pending_sale',
                                 'sold','cancelled','on_hold','unknown')),
    sale_status_raw         text NOT NULL,
    special_note            text,
    location_city           text,
    location_state          text,
    location_zip            text,
    location_country        text,
    currency_code           char(3) CONSTRAINT lots_currency_code_format CHECK (currency_code ~ '^[A-Z]{3}$'),
    image_thumbnail         text,
    image_url               text,
    -- "Create Date/Time": Copart does not state its zone, so it stays a naive timestamp.
    source_created_at       timestamp,
    grid_row                text,
    make_offer_eligible     boolean,
    seller_name             text,
    -- "Last Updated Time": drives last-write-wins in the upsert.
    source_updated_at       timestamptz NOT NULL,
    -- Inferred outcome (ETL issue): what happened to the lot after it left the export.
    outcome                 text CONSTRAINT lots_outcome_known CHECK (outcome IN ('sold','not_sold','on_approval','unknown')),
    outcome_method          text,
    outcome_confidence      real CONSTRAINT lots_outcome_confidence_range CHECK (outcome_confidence BETWEEN 0 AND 1),
    outcome_at              timestamptz,
    first_seen_at           timestamptz NOT NULL DEFAULT now(),
    last_seen_at            timestamptz NOT NULL DEFAULT now(),
    disappeared_at          timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lots_sale_time_needs_date CHECK (sale_time_local IS NULL OR sale_date IS NOT NULL),
    CONSTRAINT lots_auction_at_needs_date CHECK (auction_at IS NULL OR sale_date IS NOT NULL)
);

CREATE INDEX lots_vin_idx ON lots (vin);
-- Catalog keyset orders: (sort key, id). NULL auction dates sort last in both directions and are
-- reached through the same index.
CREATE INDEX lots_auction_at_id_idx ON lots (auction_at, id);
CREATE INDEX lots_first_seen_id_idx ON lots (first_seen_at DESC, id DESC);
CREATE INDEX lots_vehicle_type_auction_idx ON lots (vehicle_type, auction_at, id);
CREATE INDEX lots_location_state_idx ON lots (location_state);
CREATE INDEX lots_source_updated_idx ON lots (source_updated_at);
CREATE INDEX vehicles_make_model_idx ON vehicles (make, model);
CREATE INDEX vehicles_year_idx ON vehicles (year);

CREATE TABLE images (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lot_id          bigint NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
    seq             smallint NOT NULL CONSTRAINT images_seq_positive CHECK (seq > 0),
    variant         text NOT NULL CONSTRAINT images_variant_known CHECK (variant IN ('thb','ful')),
    storage_key     text NOT NULL,
    sha256          bytea NOT NULL CONSTRAINT images_sha256_len CHECK (octet_length(sha256) = 32),
    bytes           integer NOT NULL CONSTRAINT images_bytes_positive CHECK (bytes > 0),
    content_type    text NOT NULL DEFAULT 'image/jpeg',
    source_url      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT images_lot_seq_variant_unique UNIQUE (lot_id, seq, variant)
);

-- Removal requests that were applied: a suppressed VIN answers 410 everywhere.
CREATE TABLE suppressions (
    vin             text PRIMARY KEY
                    CONSTRAINT suppressions_vin_format CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{11,17}$'),
    reason          text NOT NULL CONSTRAINT suppressions_reason_present CHECK (length(trim(reason)) > 0),
    requested_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL DEFAULT current_user
);

GRANT SELECT ON vehicles, lots, images, suppressions TO vinops_web;
GRANT SELECT, INSERT, UPDATE ON vehicles, lots, images TO vinops_etl;
GRANT SELECT ON suppressions TO vinops_etl;
