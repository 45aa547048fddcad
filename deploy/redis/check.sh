#!/usr/bin/env bash
# Checks deploy/redis/redis.conf: redis-server starts on it (a free port, its own temp dir, no
# daemon left behind) and CONFIG GET reads back the eviction policy, the memory cap and no
# persistence; a key written with the ACL-less default user is read back.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"
TMP=$(mktemp -d /tmp/vinops-redischeck.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server deploy/redis/redis.conf --port "$PORT" --dir "$TMP" --logfile "$TMP/log" \
  --pidfile "$TMP/pid" --daemonize no &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$TMP"' EXIT
cli() { redis-cli -h 127.0.0.1 -p "$PORT" "$@"; }
for _ in $(seq 50); do cli ping >/dev/null 2>&1 && break; sleep 0.1; done
get() { cli --raw CONFIG GET "$1" | sed -n 2p; }
want() { # name value
  got=$(get "$1"); echo "  $1 = $got"
  [ "$got" = "$2" ] || { echo "expected $1 = $2" >&2; cat "$TMP/log" >&2; exit 1; }
}
want maxmemory-policy allkeys-lru
want maxmemory $((256 * 1024 * 1024))
want save ''
want appendonly no
want protected-mode yes
[ "$(cli --raw SET vinops:check ok EX 10)" = OK ] && [ "$(cli --raw GET vinops:check)" = ok ]
echo "redis: ok"
