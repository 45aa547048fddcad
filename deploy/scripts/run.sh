#!/usr/bin/env bash
# The run command: install what is missing, create and migrate the database, load demo data,
# build the release site and serve it on http://127.0.0.1:3000 (PORT to change it). The same
# build the container and the systemd units run (deploy/build-site.sh release); cargo-leptos is
# not needed here — `make dev` installs it on first use for the edit-and-reload loop.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
deploy/scripts/setup.sh
# With the development tools in the same cargo run (see build-site.sh: one shared build of app).
WITH_DEV_TOOLS=1 deploy/build-site.sh release
SERVER="$CARGO_TARGET_DIR/release/vinops-server"
log "migrating and loading demo data"
# `demo` applies the migrations first (the same code as `vinops-server migrate`).
"$(dev_tool release)" demo --rows "${DEMO_ROWS:-3000}"
log "serving on http://127.0.0.1:${PORT:-3000} (operator listener: http://127.0.0.1:3900)"
exec env LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=vinops \
  "$SERVER" serve --addr "127.0.0.1:${PORT:-3000}"
