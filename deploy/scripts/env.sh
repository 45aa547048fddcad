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
export ETL_DATABASE_URL="${ETL_DATABASE_URL:-postgres://vinops_etl@127.0.0.1:5432/vinops}"
export WEB_DATABASE_URL="${WEB_DATABASE_URL:-postgres://vinops_web@127.0.0.1:5432/vinops}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
