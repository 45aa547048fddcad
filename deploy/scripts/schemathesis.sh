#!/usr/bin/env bash
# Property-based test of the JSON API against its own contract: schemathesis (PyPI) reads
# /api/v1/openapi.json from a server loaded with demo data (2000 rows, one VIN removed on
# request) and sends every operation generated requests, valid and invalid (examples, coverage
# and fuzzing phases). It fails on any 5xx, any status, Content-Type, body or header the document
# does not give for the operation, an invalid request answered 2xx, a valid one refused, an
# undocumented method not answered 405 + Allow (the checks: deploy/scripts/schemathesis.toml).
# Reproducible: a fixed seed, a bounded number of cases per operation, no example database kept
# between runs. Prints "schemathesis: N operations × M cases, F failures"; exits non-zero on any.
# `make schemathesis`; `deploy/scripts/test.sh` runs it after the end-to-end tests.
#
# Settings: SCHEMATHESIS_DB (vinops_schemathesis), SCHEMATHESIS_PORT (3300),
# SCHEMATHESIS_MAX_EXAMPLES (cases per operation and phase, 1500), SCHEMATHESIS_SEED (42),
# SCHEMATHESIS_MAX_TIME (the run's budget in seconds, 300: past it the run is stopped and fails).
# Installs schemathesis, pinned, into a venv under ~/.cache (a change of pins makes a new one).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
START=$(date +%s)
step() { log "[schemathesis $(( $(date +%s) - START ))s] $*"; }

DB=${SCHEMATHESIS_DB:-vinops_schemathesis}
PORT=${SCHEMATHESIS_PORT:-3300}
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-1500}
SEED=${SCHEMATHESIS_SEED:-42}
MAX_TIME=${SCHEMATHESIS_MAX_TIME:-300}
VENV="${SCHEMATHESIS_VENV:-$HOME/.cache/vinops-schemathesis/venv}"
OUT="$CARGO_TARGET_DIR/schemathesis"
# hypothesis is pinned too: the same seed generates the same cases only with the same version.
PY_REQS=(schemathesis==4.32.5 hypothesis==6.170.27)

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ "$(cat "$VENV/.reqs" 2>/dev/null)" != "${PY_REQS[*]}" ]; then
  step "Python venv: ${PY_REQS[*]}"
  rm -rf "$VENV"
  # A Debian python3 without ensurepip needs python3-venv.
  python3 -m venv "$VENV" 2>/dev/null || {
    rm -rf "$VENV"; $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  }
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_REQS[@]}"
  echo "${PY_REQS[*]}" > "$VENV/.reqs"
fi

SERVER="$CARGO_TARGET_DIR/debug/vinops-server"
step "build the server (debug)"
cargo build -q -p server --bin vinops-server

step "database $DB with demo data (2000 rows)"
use_fresh_db "$DB"
rm -rf "$OUT"; mkdir -p "$OUT"
export MEDIA_DIR="$OUT/media"
"$(dev_tool)" demo --rows 2000 --seed 42 --photos 0 --as-export
q() { psql -X -qtA "$DATABASE_URL" -c "$1"; }
# Generated VINs and filter values almost never name a real vehicle, make or model: the run's
# config mixes in real ones from the loaded database (a VIN removed on request among them, and
# one in lower case), so the 200 bodies of every operation and the 410 are reached too.
GONE=$(q "SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
"$SERVER" suppress "$GONE" --reason schemathesis >/dev/null
toml_list() { sed 's/.*/"&"/' | paste -sd, - | sed 's/^/[/; s/$/]/'; }
VINS=$( { echo "$GONE"; q "SELECT lower(vin) FROM lots ORDER BY id LIMIT 1"
  q "SELECT vin FROM lots ORDER BY id DESC LIMIT 20"; } | toml_list)
MAKES=$(q "SELECT DISTINCT make FROM vehicles WHERE make IS NOT NULL ORDER BY 1 LIMIT 20" | toml_list)
MODELS=$(q "SELECT DISTINCT model FROM vehicles WHERE model IS NOT NULL ORDER BY 1 LIMIT 40" | toml_list)
CONFIG="$OUT/schemathesis.toml"
cat deploy/scripts/schemathesis.toml - > "$CONFIG" <<EOF

# Real values of this run's database (added by deploy/scripts/schemathesis.sh).
[dictionaries.vins]
values = $VINS
[dictionaries.makes]
values = $MAKES
[dictionaries.models]
values = $MODELS

[parameters]
"path.vin" = { dictionary = "vins", probability = 0.5 }
"query.make" = { dictionary = "makes", probability = 0.5 }
"query.model" = { dictionary = "models", probability = 0.3 }
EOF
# A key prefix of this run's own (a fresh database restarts at ETL run 1: another run's cached
# pages must not be served), and no rate limit: thousands of requests from one client are the
# point here, not 429s.
REDIS_KEY_PREFIX="vinops-schemathesis-$DB-$(date +%s)"
export REDIS_KEY_PREFIX
export API_RATE_LIMIT_PER_MIN=0

step "server on :$PORT"
start_server "$SERVER" "$PORT" "$OUT/server.log"

step "schemathesis run (≤ $MAX_EXAMPLES cases per operation and phase, seed $SEED, ≤ $MAX_TIME s)"
T0=$(date +%s)
rc=0
# The document's own operation is tested too (schemathesis leaves out the URL it loaded the
# document from unless a filter names it). --continue-on-failure: every distinct failure of an
# operation is reported, not only its first. One worker: with two, the cases drawn from the
# dictionaries depend on thread timing and the same seed no longer gives the same cases. Run
# from $OUT: schemathesis keeps its replay cache (.schemathesis/) in the working directory.
(cd "$OUT" && timeout "$MAX_TIME" "$VENV/bin/schemathesis" --config-file "$CONFIG" \
  run "http://127.0.0.1:$PORT/api/v1/openapi.json" --include-path-regex '^/api/v1/' \
  --phases examples,coverage,fuzzing --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
  --generation-database none --continue-on-failure --workers 1 --request-timeout 10 \
  --no-color --warnings off --report junit --report-dir "$OUT") 2>&1 | tee "$OUT/run.txt" || rc=$?
SECS=$(( $(date +%s) - T0 ))
stop_server
[ "$rc" -ne 124 ] || echo "schemathesis: stopped after the $MAX_TIME s budget (SCHEMATHESIS_MAX_TIME)"

# The summary line, from schemathesis' own summary ("Tested: N", "N generated, …, K unique
# failures").
OPS=$(grep -oE 'Tested: [0-9]+' "$OUT/run.txt" | grep -oE '[0-9]+' || echo 0)
CASES=$(grep -oE '[0-9]+ generated' "$OUT/run.txt" | grep -oE '[0-9]+' || echo 0)
FAILS=$(grep -oE '[0-9]+ unique failures?' "$OUT/run.txt" | grep -oE '^[0-9]+' || echo 0)
echo "schemathesis: $OPS operations × $CASES cases, $FAILS failures ($SECS s; reports in $OUT)"
if [ "$rc" -ne 0 ] || [ "$FAILS" -ne 0 ] || [ "$OPS" -eq 0 ]; then
  echo "schemathesis FAILED (exit $rc)"
  exit 1
fi
