-- The web role reads the migration history: /readyz compares it with the migrations the running
-- binary embeds, so a replica whose schema is behind gets no traffic. Read-only, and nothing in it
-- is secret (versions, descriptions, checksums, install times).
-- sqlx creates _sqlx_migrations before the first migration runs; a schema built by applying these
-- files with plain psql (deploy/scripts/sqlx-prepare.sh) has none, hence the check.
DO $$
BEGIN
    IF to_regclass('public._sqlx_migrations') IS NOT NULL THEN
        GRANT SELECT ON public._sqlx_migrations TO vinops_web;
    END IF;
END
$$;
