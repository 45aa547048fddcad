#!/usr/bin/env bash
# The test command: formatting, lints (server and wasm), .sqlx freshness, unit and integration
# tests against real PostgreSQL, then end-to-end tests in headless Chromium against the real
# server loaded with demo data, and the JSON API fuzzed against its OpenAPI document
# (schemathesis). Exits non-zero on the first failure.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
START=$(date +%s)
step() { log "[$(( $(date +%s) - START ))s] $*"; }

step "setup"
deploy/scripts/setup.sh --with-browser --with-test-tools
# `make dev` builds through cargo-leptos, so the test command builds through it too (last step
# before the audits). Installing it costs 15-30 min on a new machine: that runs in the
# background while the steps below compile and test, and is waited for only at that step.
LEPTOS_INSTALL_PID=
if ! cargo_leptos_installed; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION in the background (once per machine)"
  cargo install --locked "cargo-leptos@$CARGO_LEPTOS_VERSION" > "$CARGO_TARGET_DIR/cargo-leptos-install.log" 2>&1 &
  LEPTOS_INSTALL_PID=$!
fi

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (domain, server + app/ssr, app/hydrate for wasm)"
cargo clippy -q -p vinops --all-targets --all-features -- -D warnings
cargo clippy -q -p server -p app --all-targets -- -D warnings
cargo clippy -q -p app --lib --target wasm32-unknown-unknown --target-dir "$CARGO_TARGET_DIR/front" \
  --no-default-features --features hydrate -- -D warnings

step "fuzz targets: fmt, clippy (stable; fuzzing itself is \`make fuzz\`)"
# A workspace of its own (server/fuzz), so the checks above do not see it; checking it here keeps
# the targets compiling as the domain's API changes.
cargo fmt --manifest-path server/fuzz/Cargo.toml --check
cargo clippy -q --manifest-path server/fuzz/Cargo.toml --target-dir "$CARGO_TARGET_DIR/fuzz" \
  -- -D warnings

step "dependencies: cargo-deny licences, bans, sources; advisories when their database can be fetched"
deploy/scripts/audit-deps.sh

step "build the site (wasm + server + css)"
deploy/build-site.sh debug

step "deployment artifacts (systemd, Caddy, PostgreSQL, Redis, container)"
deploy/scripts/check-deploy.sh

step ".sqlx offline data is current"
deploy/scripts/sqlx-prepare.sh --check

step "drop test databases left by earlier runs"
# Only databases nobody is connected to: another checkout's tests on this machine may be running.
# Test databases are clones of vinops_tpl_<hash of migrations/> (server/tests/it/common/db.rs
# computes the same name); templates of other migration sets go too.
TEST_TEMPLATE="vinops_tpl_$(cd migrations && for f in $(LC_ALL=C ls -- *.sql); do
  printf '%s\n' "$f"; cat -- "$f"; done | sha256sum | cut -c1-16)"
psql -X -q -h 127.0.0.1 -U postgres -d postgres -tA \
  -c "SELECT CASE WHEN d.datistemplate THEN format('ALTER DATABASE %I IS_TEMPLATE false;', d.datname)
                  ELSE '' END || format('DROP DATABASE IF EXISTS %I;', d.datname)
      FROM pg_database d
      WHERE (d.datname LIKE 'vinops_test_%'
             OR (d.datname LIKE 'vinops_tpl_%' AND d.datname <> '$TEST_TEMPLATE'))
        AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)" \
  | psql -X -q -h 127.0.0.1 -U postgres -d postgres >/dev/null 2>&1 || true

step "unit and integration tests"
# No --all-features: that would build app with hydrate and ssr at once (a second leptos tree).
# Selecting these packages unifies features as the server build does (vinops-dev, the
# development tools, is already a dev-dependency of the server's integration tests; listed for
# its own unit tests: the generator's demo history, the simulator, the benchmarks' helpers).
TEST_LOG="$CARGO_TARGET_DIR/last-cargo-test.log"
if ! cargo test -p vinops -p app -p server -p vinops-dev 2>&1 | tee "$TEST_LOG"; then
  # A backtrace pushes the panic message out of the last lines a CI summary shows: repeat the
  # messages, without their backtraces, as the last thing printed.
  echo "=== failed: the panic messages (whole log: $TEST_LOG) ==="
  grep -A14 "panicked at" "$TEST_LOG" | grep -Ev '^ +([0-9]+: |at )|^stack backtrace:|^note: ' | head -120
  exit 101
fi

step "end-to-end tests (headless Chromium)"
# Overridable so two checkouts on one machine do not drop each other's e2e database.
E2E_DB=${E2E_DB:-vinops_e2e}
E2E_PORT=${E2E_PORT:-3100}
use_fresh_db "$E2E_DB"
SERVER="$CARGO_TARGET_DIR/debug/vinops-server"
# Demo photos through the real pipeline (simulated photo API → images job → local store →
# /media) for the 120 lots with the latest auctions; the fixture below adds three known photos
# to the first 8 lots of the default (soonest-auction) order, which the photo tests count.
export MEDIA_DIR="$CARGO_TARGET_DIR/e2e-media-$E2E_DB"
rm -rf "$MEDIA_DIR"
# --as-export: the production site is under test, so the data is loaded as Copart's (a demo
# load would add the demo banner and leave the VINs out of the sitemaps).
"$(dev_tool)" demo --rows 2000 --seed 42 --photos 120 --as-export
# --- e2e photo fixture -------------------------------------------------------------------------
# Three committed JPEGs (full + thumbnail each) go into the same local store under `e2e/`, and
# the first 8 lots of the default catalog order get `images` rows pointing at them: thumbnails
# and the gallery/lightbox with known files, counts and order.
mkdir -p "$MEDIA_DIR" && cp -r end2end/fixtures/media/e2e "$MEDIA_DIR/"
psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "
  INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, source_url)
  SELECT l.id, s.seq, v.variant, k.key, sha256(convert_to(k.key, 'UTF8')), 1, 'e2e-fixture'
  FROM (SELECT id FROM lots ORDER BY auction_at ASC NULLS LAST, id LIMIT 8) l
  CROSS JOIN generate_series(1, 3) AS s(seq)
  CROSS JOIN (VALUES ('thb'), ('ful')) AS v(variant)
  CROSS JOIN LATERAL (SELECT format('e2e/%s_%s.jpg', s.seq, v.variant) AS key) k"
# --- end of the e2e photo fixture -----------------------------------------------------------
# Relists: two earlier attempts for the VIN with the most lots of its model a year either side
# (so it has similar lots), outside the photo fixture's first 8 lots: for the VIN timeline, its
# chart and the similar lots (a single generated export has no relisted VIN).
export E2E_RELIST_VIN=$(psql -X -qtA "$DATABASE_URL" -c "
  SELECT v.vin FROM vehicles v JOIN lots o ON o.make = v.make AND o.model = v.model
    AND o.vin <> v.vin AND o.year BETWEEN v.year - 1 AND v.year + 1
  WHERE v.vin NOT IN (SELECT vin FROM lots ORDER BY auction_at ASC NULLS LAST, id LIMIT 8)
  GROUP BY v.vin ORDER BY count(*) DESC, v.vin LIMIT 1")
psql -X -q -v ON_ERROR_STOP=1 -v vin="$E2E_RELIST_VIN" "$DATABASE_URL" -f end2end/fixtures/relist.sql >/dev/null
# A key prefix of this run's own: every fresh e2e database starts again at ETL run 1, so the
# shared Redis could otherwise hand this server pages cached by an earlier run (or by another
# checkout's e2e server) for the same dataset version.
export REDIS_KEY_PREFIX="vinops-e2e-$E2E_DB-$(date +%s)"
# --- end of the e2e-only settings -----------------------------------------------------------
start_server "$SERVER" "$E2E_PORT" "$CARGO_TARGET_DIR/e2e-server.log"
(cd end2end && BASE_URL="http://127.0.0.1:$E2E_PORT" npx playwright test) 2>&1 | tee "$CARGO_TARGET_DIR/last-e2e.log"
stop_server

step "JSON API against its OpenAPI document (schemathesis)"
deploy/scripts/schemathesis.sh 2>&1 | tee "$CARGO_TARGET_DIR/last-schemathesis.log"

step "cargo leptos build (the build behind make dev)"
if [ -n "$LEPTOS_INSTALL_PID" ] && ! wait "$LEPTOS_INSTALL_PID"; then
  tail -20 "$CARGO_TARGET_DIR/cargo-leptos-install.log"; exit 1
fi
# The same artifacts as the build above (same RUSTFLAGS, which cargo-leptos sets itself, and
# target dirs), so a warm run only links; it rewrites target/site, which the audits rebuild.
env -u RUSTFLAGS cargo leptos build
for f in target/site/pkg/vinops.js target/site/pkg/vinops.wasm target/site/pkg/vinops.css \
  "$CARGO_TARGET_DIR/debug/vinops-server"; do
  [ -s "$f" ] || { echo "cargo leptos build did not produce $f" >&2; exit 1; }
done

step "audits (Lighthouse, W3C HTML checker, sitemap XSD)"
deploy/scripts/audit.sh 2>&1 | tee "$CARGO_TARGET_DIR/last-audit.log"

step "all tests passed"
read -r cp cf < <(grep -E '^test result:' "$CARGO_TARGET_DIR/last-cargo-test.log" | awk '{p+=$4; f+=$6} END {print p+0, f+0}')
ep=$(grep -oE '^ +[0-9]+ passed' "$CARGO_TARGET_DIR/last-e2e.log" | grep -oE '[0-9]+' | tail -1)
echo "cargo test ${cp} passed, end-to-end ${ep:-0} passed"
grep -E '^schemathesis: ' "$CARGO_TARGET_DIR/last-schemathesis.log" || true
echo "summary: $((cp + ${ep:-0})) passed, ${cf} failed"
