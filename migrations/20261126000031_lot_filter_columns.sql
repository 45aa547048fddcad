-- The filters buyers use beyond make and damage: colour, fuel, drive, transmission and body
-- style join the vehicle columns each lot carries (as year/make/model/trim did in 0011, so every
-- filter reads `lots` alone and can share an index with the sort), and the dropdowns of those,
-- secondary damage, yard, keys and runs/drives come from the facet table like the others.

ALTER TABLE lots
    ADD COLUMN body_style text,
    ADD COLUMN color text,
    ADD COLUMN fuel_type text,
    ADD COLUMN drive text,
    ADD COLUMN transmission text;

-- Existing lots get the values from their vehicle in batches, by the ETL (see
-- `lots_backfill_filter_columns`), not here: one UPDATE of every lot would hold the ETL's rows
-- and double the table for the length of a deploy (migrations/README.md, rule 4). Lots written
-- from now on carry their own row's values.
CREATE TABLE lot_filter_backfill (
    -- The lowest lot id not yet visited; NULL once every lot has been.
    next_id bigint
);
INSERT INTO lot_filter_backfill (next_id) VALUES (0);

-- One batch of at most `batch` lots, in id order from where the last call stopped: lots whose
-- five columns are all empty take their vehicle's values. Returns the lots changed (the caller
-- rebuilds the facets when any were); 0 once done, at no cost but one row read. The batch that
-- reaches the last lot marks the backfill done.
CREATE FUNCTION lots_backfill_filter_columns(batch integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    from_id bigint;
    to_id bigint;
    visited integer;
    changed integer;
BEGIN
    SELECT next_id INTO from_id FROM lot_filter_backfill FOR UPDATE;
    IF from_id IS NULL THEN
        RETURN 0;
    END IF;
    SELECT max(id), count(*) INTO to_id, visited FROM (
        SELECT id FROM lots WHERE id >= from_id ORDER BY id LIMIT batch) t;
    IF to_id IS NULL THEN
        UPDATE lot_filter_backfill SET next_id = NULL;
        RETURN 0;
    END IF;
    UPDATE lots l
    SET body_style = v.body_style, color = v.color, fuel_type = v.fuel_type, drive = v.drive,
        transmission = v.transmission
    FROM vehicles v
    WHERE v.vin = l.vin AND l.id BETWEEN from_id AND to_id
      AND l.body_style IS NULL AND l.color IS NULL AND l.fuel_type IS NULL AND l.drive IS NULL
      AND l.transmission IS NULL
      AND (v.body_style IS NOT NULL OR v.color IS NOT NULL OR v.fuel_type IS NOT NULL
           OR v.drive IS NOT NULL OR v.transmission IS NOT NULL);
    GET DIAGNOSTICS changed = ROW_COUNT;
    -- A short batch reached the last lot: done (lots written from now on carry their values).
    UPDATE lot_filter_backfill SET next_id = CASE WHEN visited < batch THEN NULL ELSE to_id + 1 END;
    RETURN changed;
END;
$$;

GRANT SELECT, UPDATE ON lot_filter_backfill TO vinops_etl;
GRANT EXECUTE ON FUNCTION lots_backfill_filter_columns(integer) TO vinops_etl;

ALTER TABLE catalog_attr_facets DROP CONSTRAINT catalog_attr_facets_facet_check;
ALTER TABLE catalog_attr_facets ADD CONSTRAINT catalog_attr_facets_facet_check CHECK (facet IN (
    'make', 'damage', 'damage2', 'title', 'state', 'status', 'yard', 'color', 'fuel', 'drive',
    'transmission', 'body', 'keys', 'runs_drives'));

-- As in 0014, with a grouping set per new facet. The attribute rows are unpivoted from one row
-- per group: each set's own column is the one whose GROUPING() is 0 (make also appears in the
-- vehicle set, hence `NOT is_vehicle`).
CREATE OR REPLACE FUNCTION catalog_refresh_facets() RETURNS integer
LANGUAGE sql AS $$
    DELETE FROM catalog_vehicle_facets;
    DELETE FROM catalog_attr_facets;
    DELETE FROM catalog_facet_suppressions;
    WITH g AS (
        SELECT l.vehicle_type, l.make, NULLIF(l.model, '') AS model, NULLIF(l.trim, '') AS trim,
               l.year, l.damage_primary, l.damage_secondary, l.title_type, l.location_state,
               l.sale_status, l.yard_name, l.color, l.fuel_type, l.drive, l.transmission,
               l.body_style, l.has_keys, l.runs_drives,
               GROUPING(l.year) = 0 AS is_vehicle,
               GROUPING(l.make) = 0 AS g_make,
               GROUPING(l.damage_primary) = 0 AS g_damage,
               GROUPING(l.damage_secondary) = 0 AS g_damage2,
               GROUPING(l.title_type) = 0 AS g_title,
               GROUPING(l.location_state) = 0 AS g_state,
               GROUPING(l.sale_status) = 0 AS g_status,
               GROUPING(l.yard_name) = 0 AS g_yard,
               GROUPING(l.color) = 0 AS g_color,
               GROUPING(l.fuel_type) = 0 AS g_fuel,
               GROUPING(l.drive) = 0 AS g_drive,
               GROUPING(l.transmission) = 0 AS g_transmission,
               GROUPING(l.body_style) = 0 AS g_body,
               GROUPING(l.has_keys) = 0 AS g_keys,
               GROUPING(l.runs_drives) = 0 AS g_runs,
               count(*)::integer AS n
        FROM lots l
        WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)
        GROUP BY GROUPING SETS (
            (l.vehicle_type, l.make, NULLIF(l.model, ''), NULLIF(l.trim, ''), l.year),
            (l.vehicle_type, l.make),
            (l.vehicle_type, l.damage_primary),
            (l.vehicle_type, l.damage_secondary),
            (l.vehicle_type, l.title_type),
            (l.vehicle_type, l.location_state),
            (l.vehicle_type, l.sale_status),
            (l.vehicle_type, l.yard_name),
            (l.vehicle_type, l.color),
            (l.vehicle_type, l.fuel_type),
            (l.vehicle_type, l.drive),
            (l.vehicle_type, l.transmission),
            (l.vehicle_type, l.body_style),
            (l.vehicle_type, l.has_keys),
            (l.vehicle_type, l.runs_drives))
    ), vehicles AS (
        INSERT INTO catalog_vehicle_facets (vehicle_type, make, model, trim, year, lots)
        SELECT vehicle_type, make, model, trim, year, n FROM g
        WHERE is_vehicle AND make <> ''
        RETURNING 1
    ), attrs AS (
        INSERT INTO catalog_attr_facets (vehicle_type, facet, value, lots)
        SELECT g.vehicle_type, f.facet, f.value, g.n
        FROM g CROSS JOIN LATERAL (VALUES
            ('make', g.make, g_make AND NOT is_vehicle),
            ('damage', g.damage_primary, g_damage),
            ('damage2', g.damage_secondary, g_damage2),
            ('title', g.title_type, g_title),
            ('state', g.location_state, g_state),
            ('status', g.sale_status, g_status),
            ('yard', g.yard_name, g_yard),
            ('color', g.color, g_color),
            ('fuel', g.fuel_type, g_fuel),
            ('drive', g.drive, g_drive),
            ('transmission', g.transmission, g_transmission),
            ('body', g.body_style, g_body),
            ('keys', g.has_keys, g_keys),
            ('runs_drives', g.runs_drives, g_runs)) AS f (facet, value, own)
        WHERE f.own AND f.value <> ''
        RETURNING 1
    ), snapshot AS (
        INSERT INTO catalog_facet_suppressions (vin)
        SELECT s.vin FROM suppressions s
        RETURNING 1
    )
    -- Data-modifying CTEs run whether read or not; the result is the vehicle groups.
    SELECT count(*)::integer FROM vehicles;
$$;

-- The new facets now (for the columns existing lots already have; the backfilled ones follow
-- with the ETL runs that fill them).
SELECT catalog_refresh_facets();
