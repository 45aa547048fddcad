#!/usr/bin/env bash
# The run command: install what is missing, create and migrate the database, load demo data,
# build with cargo-leptos and serve on http://127.0.0.1:3000.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
deploy/scripts/setup.sh --with-cargo-leptos
log "cargo leptos build"
# cargo-leptos appends its own "--cfg erase_components" to RUSTFLAGS; passing ours too would
# double it and rebuild everything (a different RUSTFLAGS is a different fingerprint).
env -u RUSTFLAGS cargo leptos build
log "migrating and loading demo data"
"$(dev_tool)" demo --rows "${DEMO_ROWS:-3000}"
log "serving on http://127.0.0.1:3000"
exec env -u RUSTFLAGS cargo leptos serve
