#!/usr/bin/env bash
# One-off after the migrations: they create vinops_etl and vinops_web without passwords; this
# sets them from the env file, so the app's SCRAM logins work. Idempotent (runs at every `up`).
# Linted by deploy/container/check.sh (shellcheck).
set -euo pipefail
export PGPASSWORD="${POSTGRES_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 -h postgres -U "${POSTGRES_USER:-postgres}" -d vinops \
  -v etl="${VINOPS_DB_ETL_PASSWORD:?}" -v web="${VINOPS_DB_WEB_PASSWORD:?}" <<'SQL'
ALTER ROLE vinops_etl PASSWORD :'etl';
ALTER ROLE vinops_web PASSWORD :'web';
SQL
