#!/usr/bin/env bash
# Dependency checks with cargo-deny against the policy in deny.toml (deploy/scripts/setup.sh
# installs cargo-deny). Usage: audit-deps.sh [--strict]
#   1. licences, bans (banned crates, wildcards, new duplicate versions) and sources: need no
#      network beyond what the build already fetched; any finding fails.
#   2. advisories (RustSec): need the advisory database, cloned from GitHub. When it cannot be
#      fetched, this check is SKIPPED with a message saying so and why; with --strict
#      (`make audit-deps`) that is a failure instead. Findings always fail.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
STRICT=0
for arg in "$@"; do
  case "$arg" in
    --strict) STRICT=1 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
if ! cargo deny --version >/dev/null 2>&1; then
  echo "error: cargo-deny is not installed; run deploy/scripts/setup.sh --with-test-tools" >&2
  exit 1
fi

log "cargo deny: licenses, bans, sources"
cargo deny --workspace --locked check licenses bans sources

log "cargo deny: advisories"
fetch_log=$(mktemp)
trap 'rm -f "$fetch_log"' EXIT
if timeout 300 cargo deny fetch db >"$fetch_log" 2>&1; then
  cargo deny --workspace --locked check advisories
else
  reason=$(grep -m1 '^fatal:' "$fetch_log" || grep -m1 -iE 'error' "$fetch_log" || tail -n1 "$fetch_log")
  printf '\033[1;33mSKIPPED: the RustSec advisory database could not be fetched, so NO advisory\n' >&2
  printf 'check ran. Reason: %s\n' "$reason" >&2
  printf 'Run "make audit-deps" where github.com is reachable.\033[0m\n' >&2
  [ "$STRICT" -eq 0 ] || exit 1
fi
