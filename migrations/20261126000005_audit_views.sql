-- Audit views over each ingested file (the original's ingest-count, unknown-rate and
-- parse-error checks, made correct).

-- How many rows of each ingested file had a value in each optional column. Filled by the ETL
-- from staging before staging is pruned (function below), so the rate survives the prune.
-- Columns whose parse failure rejects the row (VIN, Lot number, …) are always present in valid
-- rows and are not listed.
CREATE TABLE audit.file_columns (
    file_id     bigint NOT NULL REFERENCES raw.files (id) ON DELETE CASCADE,
    column_name text NOT NULL,
    present     integer NOT NULL CHECK (present >= 0),
    rows        integer NOT NULL CHECK (rows >= present),
    PRIMARY KEY (file_id, column_name)
);

CREATE FUNCTION audit.record_file_columns(p_file_id bigint) RETURNS integer
LANGUAGE sql AS $$
    WITH c AS (
        SELECT count(*) AS n,
           count(sale_date) AS sale_date,
           count(sale_time_local) AS sale_time_local,
           count(day_of_week) AS day_of_week,
           count(item_number) AS item_number,
           count(year) AS year,
           count(make) AS make,
           count(model) AS model,
           count(model_detail) AS model_detail,
           count(trim) AS trim,
           count(body_style) AS body_style,
           count(color) AS color,
           count(engine) AS engine,
           count(drive) AS drive,
           count(transmission) AS transmission,
           count(fuel_type) AS fuel_type,
           count(cylinders) AS cylinders,
           count(damage_primary) AS damage_primary,
           count(damage_secondary) AS damage_secondary,
           count(title_state) AS title_state,
           count(title_type) AS title_type,
           count(has_keys) AS has_keys,
           count(lot_cond_code) AS lot_cond_code,
           count(odometer_mi) AS odometer_mi,
           count(odometer_brand) AS odometer_brand,
           count(est_retail_value_cents) AS est_retail_value_cents,
           count(repair_cost_cents) AS repair_cost_cents,
           count(buy_it_now_cents) AS buy_it_now_cents,
           count(runs_drives) AS runs_drives,
           count(special_note) AS special_note,
           count(location_city) AS location_city,
           count(location_state) AS location_state,
           count(location_zip) AS location_zip,
           count(location_country) AS location_country,
           count(currency_code) AS currency_code,
           count(image_thumbnail) AS image_thumbnail,
           count(image_url) AS image_url,
           count(source_created_at) AS source_created_at,
           count(grid_row) AS grid_row,
           count(make_offer_eligible) AS make_offer_eligible,
           count(seller_name) AS seller_name
        FROM staging.lots WHERE file_id = p_file_id
    ), ins AS (
        INSERT INTO audit.file_columns (file_id, column_name, present, rows)
        SELECT p_file_id, v.name, v.present, c.n
        FROM c CROSS JOIN LATERAL (VALUES
           ('Sale Date M/D/CY', c.sale_date),
           ('Sale time (HHMM)', c.sale_time_local),
           ('Day of Week', c.day_of_week),
           ('Item#', c.item_number),
           ('Year', c.year),
           ('Make', c.make),
           ('Model Group', c.model),
           ('Model Detail', c.model_detail),
           ('Trim', c.trim),
           ('Body Style', c.body_style),
           ('Color', c.color),
           ('Engine', c.engine),
           ('Drive', c.drive),
           ('Transmission', c.transmission),
           ('Fuel Type', c.fuel_type),
           ('Cylinders', c.cylinders),
           ('Damage Description', c.damage_primary),
           ('Secondary Damage', c.damage_secondary),
           ('Sale Title State', c.title_state),
           ('Sale Title Type', c.title_type),
           ('Has Keys-Yes or No', c.has_keys),
           ('Lot Cond. Code', c.lot_cond_code),
           ('Odometer', c.odometer_mi),
           ('Odometer Brand', c.odometer_brand),
           ('Est. Retail Value', c.est_retail_value_cents),
           ('Repair cost', c.repair_cost_cents),
           ('Buy-It-Now Price', c.buy_it_now_cents),
           ('Runs/Drives', c.runs_drives),
           ('Special Note', c.special_note),
           ('Location city', c.location_city),
           ('Location state', c.location_state),
           ('Location ZIP', c.location_zip),
           ('Location country', c.location_country),
           ('Currency Code', c.currency_code),
           ('Image Thumbnail', c.image_thumbnail),
           ('Image URL', c.image_url),
           ('Create Date/Time', c.source_created_at),
           ('Grid/Row', c.grid_row),
           ('Make-an-Offer Eligible', c.make_offer_eligible),
           ('Seller Name', c.seller_name)
        ) AS v(name, present)
        WHERE c.n > 0
        RETURNING 1
    )
    SELECT count(*)::integer FROM ins
$$;

-- Rows per file: records in the file (counted while validating) vs parsed by the ingest vs
-- valid (one per lot number) — `complete` is false when the ingest lost rows.
CREATE VIEW audit.v_ingest_count AS
SELECT f.id AS file_id, f.source, f.fetched_at, f.row_count AS declared_rows,
       r.rows_total AS parsed_rows, r.rows_valid AS valid_rows, r.rows_invalid AS invalid_rows,
       (f.row_count = r.rows_total AND r.rows_total = r.rows_valid + r.rows_invalid) AS complete
FROM raw.files f
JOIN audit.runs r ON r.file_id = f.id AND r.status = 'succeeded';

-- Share of valid rows with no value, per file and column (alert when a usually-filled column
-- goes empty: a sign of a format change upstream).
CREATE VIEW audit.v_unknown_rate AS
SELECT file_id, column_name, rows, rows - present AS empty,
       round(100.0 * (rows - present) / NULLIF(rows, 0), 2) AS empty_pct
FROM audit.file_columns;

-- Parse errors per file and column, with a few distinct reasons.
CREATE VIEW audit.v_parse_errors AS
SELECT e.file_id, COALESCE(e.column_name, '(record)') AS column_name,
       count(*) AS errors, count(DISTINCT e.row_no) AS rows,
       (array_agg(DISTINCT e.reason))[1:5] AS sample_reasons
FROM audit.row_errors e
GROUP BY e.file_id, COALESCE(e.column_name, '(record)');

GRANT SELECT ON audit.file_columns, audit.v_ingest_count, audit.v_unknown_rate, audit.v_parse_errors
    TO vinops_web, vinops_etl;
GRANT INSERT ON audit.file_columns TO vinops_etl;
GRANT EXECUTE ON FUNCTION audit.record_file_columns(bigint) TO vinops_etl;
