#!/usr/bin/env bash
# Checks every production deployment artifact in deploy/ (deploy/README.md lists them): each
# directory's check.sh, in turn, timed. Installs what it needs once (Caddy from Debian, hadolint
# and shellcheck into a venv, dclint from npm). The systemd check needs a built vinops-server
# (`deploy/build-site.sh debug`, which `make test` runs before this). Usage: check-deploy.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
START=$(date +%s)
for part in systemd caddy postgres redis container; do
  t0=$(date +%s%N)
  log "deploy/$part"
  "deploy/$part/check.sh"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '   deploy/%s checked in %d.%d s\n' "$part" $((ms / 1000)) $((ms % 1000 / 100))
done
log "deploy artifacts checked in $(( $(date +%s) - START )) s"
