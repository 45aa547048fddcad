-- Bulk loads also rebuild the primary keys and unique constraints of `lots` and `vehicles`
-- (and every foreign key that points at them), not only their plain indexes.
--
-- Even fed in key order, the vehicles primary key cost ~0.7 s of a 150k-row first load when
-- maintained row by row, against ~0.15 s to build it afterwards by one sort. A duplicate key
-- that the insert let through makes the rebuild fail, which fails the whole load: the
-- constraints hold exactly as before, only checked once instead of per row.
--
-- Restore order: keys, then plain indexes, then foreign keys (which need the keys).
ALTER TABLE staging.deferred_ddl ADD COLUMN phase smallint NOT NULL DEFAULT 2;

CREATE OR REPLACE FUNCTION staging.defer_lot_indexes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    IF EXISTS (SELECT 1 FROM staging.deferred_ddl) THEN
        RAISE EXCEPTION 'indexes are already deferred';
    END IF;
    -- Foreign keys from or to lots/vehicles go first: keys cannot be dropped under them.
    FOR r IN
        SELECT c.conrelid::regclass AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c
        WHERE c.contype = 'f'
          AND (c.conrelid IN ('public.lots'::regclass, 'public.vehicles'::regclass)
               OR c.confrelid IN ('public.lots'::regclass, 'public.vehicles'::regclass))
        ORDER BY c.oid
    LOOP
        INSERT INTO staging.deferred_ddl (phase, restore)
        VALUES (3, format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.def));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
        n := n + 1;
    END LOOP;
    FOR r IN
        SELECT c.conrelid::regclass AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c
        WHERE c.contype IN ('p', 'u')
          AND c.conrelid IN ('public.lots'::regclass, 'public.vehicles'::regclass)
        ORDER BY c.oid
    LOOP
        INSERT INTO staging.deferred_ddl (phase, restore)
        VALUES (1, format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.tbl, r.conname, r.def));
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
        n := n + 1;
    END LOOP;
    FOR r IN
        SELECT i.indexrelid::regclass AS idx, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i
        WHERE i.indrelid IN ('public.lots'::regclass, 'public.vehicles'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY i.indexrelid
    LOOP
        INSERT INTO staging.deferred_ddl (phase, restore) VALUES (2, r.def);
        EXECUTE format('DROP INDEX %s', r.idx);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION staging.restore_lot_indexes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    FOR r IN SELECT restore FROM staging.deferred_ddl ORDER BY phase, seq LOOP
        EXECUTE r.restore;
        n := n + 1;
    END LOOP;
    DELETE FROM staging.deferred_ddl;
    RETURN n;
END
$$;
