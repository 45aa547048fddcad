#!/usr/bin/env bash
# Checks deploy/systemd without a running systemd (none is PID 1 where this runs): the units go
# into a temporary root next to the stock units and a copy of the real vinops-server binary, then
# - `systemd-analyze verify --root` must print nothing (it warns about unknown keys and bad
#   values but still exits 0, so any output fails the check);
# - `systemd-analyze security --offline` prints each service's exposure score, at most 3.0;
# - every ExecStart command line (instance 3001) must be accepted by the binary's own parser.
# The binary: $VINOPS_SERVER_BIN, else the release or debug build in $CARGO_TARGET_DIR.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"

if ! command -v systemd-analyze >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install systemd (for systemd-analyze)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq systemd >/dev/null
fi
BIN=${VINOPS_SERVER_BIN:-}
for b in "$CARGO_TARGET_DIR/release/vinops-server" "$CARGO_TARGET_DIR/debug/vinops-server"; do
  [ -n "$BIN" ] || { [ -x "$b" ] && BIN=$b; }
done
[ -x "$BIN" ] || { echo "no vinops-server binary: build it first (deploy/build-site.sh debug)" >&2; exit 1; }

R=$(mktemp -d /tmp/vinops-systemdcheck.XXXXXX)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R/etc/systemd/system" "$R/usr/lib/systemd" "$R/usr/local/bin" "$R/usr/bin"
cp -a /usr/lib/systemd/system "$R/usr/lib/systemd/"
cp -r deploy/systemd/vinops* "$R/etc/systemd/system/"
# A hard link when /tmp shares the file system (the debug binary is large), else a copy.
ln -f "$BIN" "$R/usr/local/bin/vinops-server" 2>/dev/null || cp "$BIN" "$R/usr/local/bin/vinops-server"
cp /usr/bin/env "$R/usr/bin/env"

SERVICES=(vinops-web@3001.service vinops-jobs.service vinops-migrate.service)
for u in "${SERVICES[@]}" vinops.target; do
  out=$(systemd-analyze verify --root="$R" "$u" 2>&1) || true
  [ -z "$out" ] || { echo "systemd-analyze verify $u:" >&2; echo "$out" >&2; exit 1; }
  echo "  verify $u: clean"
done

for u in "${SERVICES[@]}"; do
  # --threshold is in tenths: 30 = an overall exposure of 3.0.
  if ! out=$(systemd-analyze security --offline=true --root="$R" --threshold=30 "$u" 2>&1); then
    echo "$out" >&2; echo "$u: exposure over 3.0" >&2; exit 1
  fi
  echo "  security $(grep -o 'Overall exposure level for .*' <<<"$out")"
done

for u in vinops-web@.service vinops-jobs.service vinops-migrate.service; do
  # The ExecStart line with its continuations joined, for instance 3001, without `env VAR=…`.
  cmd=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "deploy/systemd/$u" | sed -n 's/^ExecStart=//p' | sed 's/%i/3001/g')
  read -r -a argv <<<"$cmd"
  while [ "${argv[0]}" = /usr/bin/env ] || [[ "${argv[0]}" == *=* ]]; do argv=("${argv[@]:1}"); done
  [ "${argv[0]}" = /usr/local/bin/vinops-server ] || { echo "$u: unexpected ExecStart $cmd" >&2; exit 1; }
  # clap rejects an unknown flag or a bad value before it honours the trailing --help.
  "$BIN" "${argv[@]:1}" --help >/dev/null || { echo "$u: vinops-server refuses: ${argv[*]:1}" >&2; exit 1; }
  echo "  $u: vinops-server accepts '${argv[*]:1}'"
done
echo "systemd: ok"
