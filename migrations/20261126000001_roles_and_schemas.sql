-- Roles and schemas.
--
-- Two login roles, created here so that every environment (dev, CI, each per-test database,
-- production) has the same names:
--   vinops_web  read-only: the web server's pages and API.
--   vinops_etl  read-write: the ETL and image jobs.
-- Neither gets a password here (no secret in git). Locally PostgreSQL trusts 127.0.0.1; in
-- production the operator runs `ALTER ROLE vinops_web PASSWORD '…'` (see deploy/RUNBOOK.md).
-- Roles are cluster-wide, so creation is guarded; grants are per database and always run.

DO $$
BEGIN
    BEGIN
        CREATE ROLE vinops_web LOGIN;
    EXCEPTION WHEN duplicate_object THEN NULL;  -- another database of this cluster made it
    END;
    BEGIN
        CREATE ROLE vinops_etl LOGIN;
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
END
$$;

-- The web role can never write, even if a grant slips through later. Set only when missing:
-- the setting lives in a cluster-wide catalog, and rewriting it from several databases at once
-- fails with "tuple concurrently updated".
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
        WHERE r.rolname = 'vinops_web' AND s.setdatabase = 0
          AND 'default_transaction_read_only=on' = ANY (s.setconfig)
    ) THEN
        ALTER ROLE vinops_web SET default_transaction_read_only = on;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS audit;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO vinops_web, vinops_etl', current_database());
END
$$;

GRANT USAGE ON SCHEMA public, raw, staging, audit TO vinops_web, vinops_etl;
