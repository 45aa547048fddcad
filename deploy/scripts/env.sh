# Shared environment for the project scripts (sourced, not run).
# - Tools: npm's tailwindcss and wasm-opt, cargo-installed wasm-bindgen/cargo-leptos. cargo-leptos
#   finds them on PATH and downloads nothing.
# - One persistent CARGO_TARGET_DIR outside the clone, so a fresh clone (CI) reuses the build.
# - The same RUSTFLAGS as `cargo leptos` dev builds for every cargo call (build, test, clippy):
#   a different RUSTFLAGS would rebuild the whole dependency tree.
# - SQLX_OFFLINE: query macros check against the committed .sqlx/ data, never a live database.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/vinops-target}"
export RUSTFLAGS="${RUSTFLAGS:---cfg erase_components}"
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Read by leptos at compile time (option_env!) to name the wasm/js bundle; cargo-leptos sets the
# same value, so its builds and ours share artifacts and agree on /pkg/vinops.wasm.
export LEPTOS_OUTPUT_NAME=vinops

# Local defaults (deploy/.env.example documents them); an exported value wins.
export PGHOST_ADDR="${PGHOST_ADDR:-127.0.0.1}"
export DATABASE_URL="${DATABASE_URL:-postgres://vinops@127.0.0.1:5432/vinops}"
# ETL_DATABASE_URL / WEB_DATABASE_URL get no default here: unset, the server derives them from
# DATABASE_URL (its user swapped for vinops_etl / vinops_web), so setting DATABASE_URL alone
# moves all three to one database. An exported value still wins.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

# cargo-leptos, the development loop's build (`make dev`); 0.3.11 needs rustc 1.96.
CARGO_LEPTOS_VERSION=0.3.10
cargo_leptos_installed() {
  [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" = "$CARGO_LEPTOS_VERSION" ]
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# A new, empty database NAME (owner vinops; dropped first when it exists) and the three
# connection URLs pointing at it: for the scripts that run a server of their own (e2e, audits).
use_fresh_db() {
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER vinops"
  export DATABASE_URL="postgres://vinops@127.0.0.1:5432/$1"
  export ETL_DATABASE_URL="postgres://vinops_etl@127.0.0.1:5432/$1"
  export WEB_DATABASE_URL="postgres://vinops_web@127.0.0.1:5432/$1"
}

# dev_tool [debug|release]: the development tools binary (demo data, simulator, benchmarks:
# server/dev), built on demand, its path printed. It is not in the production binary, so scripts
# that load demo data build it, in the profile of the server they already built (shared deps).
dev_tool() {
  if [ "${1:-debug}" = release ]; then
    # Release builds without --cfg erase_components, as deploy/build-site.sh release.
    RUSTFLAGS= cargo build -q --release -p vinops-dev --bin vinops-dev >&2
    echo "$CARGO_TARGET_DIR/release/vinops-dev"
  else
    cargo build -q -p vinops-dev --bin vinops-dev >&2
    echo "$CARGO_TARGET_DIR/debug/vinops-dev"
  fi
}

# start_server BIN PORT LOG: `BIN serve` on 127.0.0.1:PORT with the built site (target/site),
# output to LOG; returns once /healthz answers, fails when it has not after 30 s. Sets
# SERVER_PID; an EXIT trap stops the server if the script ends early. stop_server ends it.
# A development server: it migrates at start (production runs `migrate` as a step of its own),
# and has no operator listener unless OPS_ADDR is exported (the default port would clash
# between two checkouts' servers).
start_server() {
  LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=vinops MIGRATE_ON_START=true \
    OPS_ADDR="${OPS_ADDR:-off}" "$1" serve --addr "127.0.0.1:$2" > "$3" 2>&1 &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
  for _ in $(seq 60); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return 0; sleep 0.5; done
  curl -fs "http://127.0.0.1:$2/healthz" >/dev/null
}
stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  trap - EXIT
}
