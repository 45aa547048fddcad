-- ETL: skip unchanged rows before they reach PostgreSQL.
--
-- Each typed export row gets a 64-bit hash of everything the ETL stores from it (computed by
-- the ingest, over the exact COPY text of the row). `lots.row_hash` is the hash of the row that
-- last wrote the lot. The ingest loads (lot_number, row_hash) of the live lots and sends only
-- rows whose hash differs, so a "15 minutes later" export with ~3% changes puts ~3% of its rows
-- into staging instead of all of them. The hash is only a filter: a differing hash sends the row
-- through the full column-by-column comparison, so a changed hash function costs one slower run,
-- never a wrong one.
ALTER TABLE lots ADD COLUMN row_hash bigint;
ALTER TABLE staging.lots ADD COLUMN row_hash bigint NOT NULL;

-- VINs are ASCII identifiers: byte order ("C") is their natural order, and it lets PostgreSQL
-- compare them with memcmp and sort them with abbreviated keys instead of calling the database
-- locale's strcoll for every comparison — in the vehicles primary key, the lots index and
-- foreign key, and the ETL's DISTINCT ON (vin) sorts.
ALTER TABLE lots DROP CONSTRAINT lots_vin_fkey;
ALTER TABLE vehicles ALTER COLUMN vin TYPE text COLLATE "C";
ALTER TABLE lots ALTER COLUMN vin TYPE text COLLATE "C";
ALTER TABLE lots ADD CONSTRAINT lots_vin_fkey
    FOREIGN KEY (vin) REFERENCES vehicles (vin) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE suppressions ALTER COLUMN vin TYPE text COLLATE "C";
ALTER TABLE staging.lots ALTER COLUMN vin TYPE text COLLATE "C";
ALTER TABLE audit.lot_events ALTER COLUMN vin TYPE text COLLATE "C";


-- No query reads lots by Last Updated Time (last-write-wins compares a staged row with its own
-- lot), and every index on lots is paid for by every insert.
DROP INDEX lots_source_updated_idx;

-- The ETL empties staging at the end of each run; TRUNCATE does it without scanning.
GRANT TRUNCATE ON staging.lots TO vinops_etl;

-- Staging now holds only the rows that need work; it needs no index for that. The primary key
-- cost ~10% of a first, all-new file's COPY.
ALTER TABLE staging.lots DROP CONSTRAINT lots_pkey;

-- Vehicle attributes are refreshed from the newest row: remember how new the row that last set
-- them was, so an older row (a stale row, or an older lot of a relisted VIN) cannot overwrite
-- newer attributes in a later file.
ALTER TABLE vehicles ADD COLUMN attrs_updated_at timestamptz;

-- Column fill rates are counted while parsing (staging no longer holds every row of the file).
DROP FUNCTION audit.record_file_columns(bigint);

-- `Sale Status` texts the domain does not know: stored as `unknown` with the raw text, and
-- listed here so an operator sees a new upstream value instead of a silent guess.
CREATE VIEW audit.v_unknown_sale_status AS
SELECT l.sale_status_raw, count(*) AS lots,
       min(l.first_seen_at) AS first_seen_at, max(l.last_seen_at) AS last_seen_at,
       (array_agg(l.lot_number ORDER BY l.lot_number))[1:5] AS sample_lot_numbers
FROM lots l
WHERE l.sale_status = 'unknown'
GROUP BY l.sale_status_raw;

GRANT SELECT ON audit.v_unknown_sale_status TO vinops_web, vinops_etl;

-- Initial loads: a file whose new lots outnumber the lots already stored (the very first file,
-- or a restore) is inserted with the secondary indexes and foreign keys of `lots`/`vehicles`
-- set aside, and they are rebuilt after the insert — as pg_restore does. Maintaining them row by
-- row cost ~75% of a first 150k-lot load (measured: 22 s vs 7.6 s for the same inserts), most
-- of it the per-row foreign-key triggers. Everything happens inside the ETL's transaction, so a
-- failed load rolls the drops back too. The definitions are read from the catalog at run time,
-- so this file does not repeat them and an index added by a later migration is covered.
--
-- The ETL role does not own the tables, so the two functions run as their owner (SECURITY
-- DEFINER). They execute only statements they generated themselves from the catalog, kept in a
-- table the ETL role cannot write.
CREATE UNLOGGED TABLE staging.deferred_ddl (
    seq     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    restore text NOT NULL
);

CREATE FUNCTION staging.defer_lot_indexes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    IF EXISTS (SELECT 1 FROM staging.deferred_ddl) THEN
        RAISE EXCEPTION 'indexes are already deferred';
    END IF;
    -- Indexes first in, so they are rebuilt before the foreign keys that may use them.
    FOR r IN
        SELECT i.indexrelid::regclass AS idx, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i
        WHERE i.indrelid IN ('public.lots'::regclass, 'public.vehicles'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY i.indexrelid
    LOOP
        INSERT INTO staging.deferred_ddl (restore) VALUES (r.def);
        EXECUTE format('DROP INDEX %s', r.idx);
        n := n + 1;
    END LOOP;
    FOR r IN
        SELECT c.conrelid::regclass AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c
        WHERE c.contype = 'f'
          AND c.conrelid IN ('public.lots'::regclass, 'public.vehicles'::regclass)
        ORDER BY c.oid
    LOOP
        INSERT INTO staging.deferred_ddl (restore)
        VALUES (format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.def));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

-- Rebuilds what `defer_lot_indexes` set aside (each foreign key is validated by one join over
-- the table). No ANALYZE here: it cost ~2 s on 150k lots, and autovacuum analyzes the tables
-- after the commit anyway.
CREATE FUNCTION staging.restore_lot_indexes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    FOR r IN SELECT seq, restore FROM staging.deferred_ddl ORDER BY seq LOOP
        EXECUTE r.restore;
        n := n + 1;
    END LOOP;
    DELETE FROM staging.deferred_ddl;
    RETURN n;
END
$$;

REVOKE ALL ON FUNCTION staging.defer_lot_indexes(), staging.restore_lot_indexes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staging.defer_lot_indexes(), staging.restore_lot_indexes() TO vinops_etl;
