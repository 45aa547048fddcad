#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume: the owner role the
# migrations run as (it creates vinops_etl and vinops_web) and the database.
# Linted by deploy/container/check.sh (shellcheck).
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v pw="${VINOPS_DB_OWNER_PASSWORD:?}" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE vinops LOGIN CREATEROLE PASSWORD :'pw';
CREATE DATABASE vinops OWNER vinops;
SQL
