#!/usr/bin/env bash
# Regenerates the sqlx offline query data (.sqlx/) from a scratch database migrated with
# migrations/, or with --check verifies the committed .sqlx/ is exactly current. Needs no
# sqlx-cli: the query macros write their data to SQLX_OFFLINE_DIR when they run online.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
MODE=${1:-write}
DB=${SQLX_PREPARE_DB:-vinops_sqlx_prepare}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

psql -X -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER vinops"
# Plain psql, not `vinops-server migrate`: the server cannot compile before .sqlx/ exists. The
# macros only look at the resulting schema, which is the same.
for f in migrations/*.sql; do
  psql -X -q -h 127.0.0.1 -U vinops -d "$DB" -v ON_ERROR_STOP=1 -f "$f"
done

# A separate target dir: forcing the macros to re-run must not invalidate the main build.
CHECK_TARGET="$CARGO_TARGET_DIR/sqlx-prepare"
cargo clean -q -p vinops -p server -p vinops-dev --target-dir "$CHECK_TARGET" 2>/dev/null || true
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$OUT" DATABASE_URL="postgres://vinops@127.0.0.1:5432/$DB" \
  cargo check -q -p server -p vinops-dev --tests --target-dir "$CHECK_TARGET"
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"

if [ "$MODE" = "--check" ]; then
  if ! diff -r "$OUT" .sqlx >/dev/null 2>&1; then
    diff -r "$OUT" .sqlx || true
    echo "error: .sqlx/ is stale; run deploy/scripts/sqlx-prepare.sh and commit the result" >&2
    exit 1
  fi
  log ".sqlx/ is current ($(ls .sqlx | wc -l) queries)"
else
  rm -rf .sqlx && mkdir -p .sqlx && cp "$OUT"/*.json .sqlx/
  log "wrote $(ls .sqlx | wc -l) query files to .sqlx/"
fi
