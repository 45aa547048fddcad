-- Catalog result counts from the facet tables (src/read/count.rs).
--
-- A catalog page's total was a capped count over `lots` (up to 10,001 rows, each fetched from
-- the heap for the suppression check): 5–15 ms of every cache-missed page at 1M lots, more than
-- the page itself. For the filters the facet tables already count (tab, make → model → trim →
-- year, one lot attribute), the total is now a sum over those tables, exact and uncapped.
--
-- The facets leave out the VINs suppressed when they were rebuilt, while the pages leave out
-- the VINs suppressed now. To turn a facet sum into the exact count, the refresh keeps the set
-- of VINs it left out, and a count corrects for the lots of VINs suppressed (or released)
-- since: usually none, and a handful of index probes when there are some.
CREATE TABLE catalog_facet_suppressions (
    vin text COLLATE "C" PRIMARY KEY
);

GRANT SELECT ON catalog_facet_suppressions TO vinops_web;
GRANT SELECT, INSERT, DELETE ON catalog_facet_suppressions TO vinops_etl;

-- As in 0011, plus the snapshot of the suppressions it used. The snapshot is written by the
-- same statement that counts (one statement, one snapshot): a suppression committed during
-- the refresh is either in both or in neither.
CREATE OR REPLACE FUNCTION catalog_refresh_facets() RETURNS integer
LANGUAGE sql AS $$
    DELETE FROM catalog_vehicle_facets;
    DELETE FROM catalog_attr_facets;
    DELETE FROM catalog_facet_suppressions;
    WITH g AS (
        SELECT l.vehicle_type, l.make, NULLIF(l.model, '') AS model, NULLIF(l.trim, '') AS trim,
               l.year, l.damage_primary, l.title_type, l.location_state, l.sale_status,
               GROUPING(l.year) = 0 AS is_vehicle,
               GROUPING(l.make) = 0 AS is_make,
               GROUPING(l.damage_primary) = 0 AS is_damage,
               GROUPING(l.title_type) = 0 AS is_title,
               GROUPING(l.location_state) = 0 AS is_state,
               count(*)::integer AS n
        FROM lots l
        WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)
        GROUP BY GROUPING SETS (
            (l.vehicle_type, l.make, NULLIF(l.model, ''), NULLIF(l.trim, ''), l.year),
            (l.vehicle_type, l.make),
            (l.vehicle_type, l.damage_primary),
            (l.vehicle_type, l.title_type),
            (l.vehicle_type, l.location_state),
            (l.vehicle_type, l.sale_status))
    ), vehicles AS (
        INSERT INTO catalog_vehicle_facets (vehicle_type, make, model, trim, year, lots)
        SELECT vehicle_type, make, model, trim, year, n FROM g
        WHERE is_vehicle AND make <> ''
        RETURNING 1
    ), attrs AS (
        INSERT INTO catalog_attr_facets (vehicle_type, facet, value, lots)
        SELECT vehicle_type, f.facet, f.value, n
        FROM g CROSS JOIN LATERAL (SELECT
            CASE WHEN is_make THEN 'make' WHEN is_damage THEN 'damage' WHEN is_title THEN 'title'
                 WHEN is_state THEN 'state' ELSE 'status' END AS facet,
            CASE WHEN is_make THEN make WHEN is_damage THEN damage_primary
                 WHEN is_title THEN title_type WHEN is_state THEN location_state
                 ELSE sale_status END AS value) f
        WHERE NOT is_vehicle AND f.value <> ''
        RETURNING 1
    ), snapshot AS (
        INSERT INTO catalog_facet_suppressions (vin)
        SELECT s.vin FROM suppressions s
        RETURNING 1
    )
    -- Data-modifying CTEs run whether read or not; the result is the vehicle groups.
    SELECT count(*)::integer FROM vehicles;
$$;

-- Facets and snapshot from the same moment, now rather than at the next ETL run.
SELECT catalog_refresh_facets();
