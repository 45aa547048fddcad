#!/usr/bin/env bash
# Installs and starts what Vinops needs ON A DEVELOPER MACHINE OR CI, idempotently: every step
# checks first and does nothing when the piece is already there. Development only: PostgreSQL
# trusts loopback connections and Redis keeps nothing; production uses deploy/postgres,
# deploy/redis and the rest of deploy/README.md.
# Usage: setup.sh [--with-cargo-leptos] [--with-browser] [--with-test-tools]
# The run command needs none of the options; the test tools (s3s-fs, cargo-deny: ~20 min to build
# on 2 cores) and the browser are for `make test` and the audits only.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

WITH_CARGO_LEPTOS=0
WITH_BROWSER=0
WITH_TEST_TOOLS=0
for arg in "$@"; do
  case "$arg" in
    --with-cargo-leptos) WITH_CARGO_LEPTOS=1 ;;
    --with-browser) WITH_BROWSER=1 ;;
    --with-test-tools) WITH_TEST_TOOLS=1 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

log "DEVELOPMENT SETUP: PostgreSQL trusts every loopback connection (no passwords) and Redis"
log "runs without persistence. Never use it for production: see deploy/postgres (SCRAM, tuning)"
log "and deploy/redis (maxmemory + LRU), and deploy/README.md for the other production pieces."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# --- system packages ------------------------------------------------------------------------
command -v pg_ctlcluster >/dev/null || apt_install postgresql
command -v redis-server >/dev/null || apt_install redis-server
command -v node >/dev/null || apt_install nodejs npm
if [ "$WITH_BROWSER" -eq 1 ]; then
  command -v chromium >/dev/null || apt_install chromium
fi

# --- PostgreSQL -----------------------------------------------------------------------------
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "starting PostgreSQL"
  for v in $(ls /etc/postgresql); do
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
  done
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432
fi
psql_admin() { $SUDO -u postgres psql -X -q -v ON_ERROR_STOP=1 "$@" 2>/dev/null || runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# Local development trusts loopback connections (the machines this runs on are set up so); a
# PostgreSQL we installed ourselves gets the same rule.
if ! psql -X -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
  hba=$(psql_admin -tA -c 'show hba_file')
  log "DEVELOPMENT ONLY: writing 'trust' for 127.0.0.1 and ::1 into $hba (production: deploy/postgres/pg_hba.conf)"
  grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  psql_admin -c 'select pg_reload_conf()' >/dev/null
fi
psql -X -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE vinops LOGIN CREATEROLE CREATEDB'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vinops') \gexec
SELECT 'CREATE DATABASE vinops OWNER vinops'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'vinops') \gexec
SQL

# --- Redis ------------------------------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp --logfile /tmp/vinops-redis.log
  for _ in $(seq 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

# --- Rust tools -------------------------------------------------------------------------------
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (once per machine, ~5 min)"
  # Not --locked: its lockfile pins a yanked webpki-roots.
  cargo install wasm-bindgen-cli --version "$want"
fi
if [ "$WITH_TEST_TOOLS" -eq 1 ]; then
  # A real S3-compatible server for the storage tests (0.14.1: 0.15+ needs rustc 1.96, newer
  # than the toolchain pinned in rust-toolchain.toml).
  if [ "$(s3s-fs --version 2>/dev/null | awk '{print $2}')" != "0.14.1" ]; then
    log "installing s3s-fs 0.14.1 (once per machine, ~2 min)"
    cargo install --locked s3s-fs@0.14.1 --features binary
  fi
  # Dependency policy checks (deny.toml; deploy/scripts/audit-deps.sh). 0.20.2 needs rustc 1.88+.
  if [ "$(cargo deny --version 2>/dev/null | awk '{print $2}')" != "0.20.2" ]; then
    log "installing cargo-deny 0.20.2 (once per machine, 15-35 min on 2 busy cores)"
    cargo install --locked cargo-deny@0.20.2
  fi
fi
if [ "$WITH_CARGO_LEPTOS" -eq 1 ] && ! cargo_leptos_installed; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (once per machine, 15-30 min; 0.3.11 needs rustc 1.96)"
  cargo install --locked "cargo-leptos@$CARGO_LEPTOS_VERSION"
fi

# --- npm tools (Tailwind, wasm-opt; Playwright for tests) -------------------------------------
npm_ci() { # dir
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    log "npm ci in $1"
    (cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci "$ROOT"
if [ "$WITH_BROWSER" -eq 1 ]; then npm_ci "$ROOT/end2end"; fi
log "setup complete"
