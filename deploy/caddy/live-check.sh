#!/usr/bin/env bash
# Runs deploy/caddy/Caddyfile for real (its own Caddy process, `tls internal`, free ports, a
# temp data dir; everything stopped on exit) in front of two stand-in replicas and a stand-in
# operator listener — small Caddy file servers with /readyz, since the point is the proxy's
# behaviour, not the app's — and checks what the file promises:
# X-Forwarded-For is the client's address (a forged one is replaced), /metrics and /admin/* are
# 404 unless the client is allow-listed and then come from the operator listener, pages are
# compressed but sitemap shards and API bodies are not, a replica that dies costs no request,
# and with no replica left the answer is 503 + Retry-After. Called by deploy/caddy/check.sh.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT/deploy/caddy"

TMP=$(mktemp -d /tmp/vinops-caddylive.XXXXXX)
PIDS=()
declare -A PID_OF
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export HOME=$TMP XDG_DATA_HOME=$TMP/data XDG_CONFIG_HOME=$TMP/config

# Stand-ins: NAME PORT -> a file server saying who it is (bodies past encode's 512-byte minimum).
stand_in() {
  local dir=$TMP/$1
  mkdir -p "$dir/sitemaps" "$dir/api/v1"
  { echo "<!doctype html><title>$1</title>"; head -c 2000 /dev/zero | tr '\0' 'x'; } > "$dir/index.html"
  head -c 2000 /dev/zero | gzip > "$dir/sitemaps/vins-en-1-0.xml.gz"
  { printf '{"who":"%s","pad":"' "$1"; head -c 2000 /dev/zero | tr '\0' 'y'; echo '"}'; } > "$dir/api/v1/probe.json"
  cat > "$dir/Caddyfile" <<CONF
{
	admin off
}
http://:$2 {
	bind 127.0.0.1
	respond /readyz "ready" 200
	respond /whoami "$1 xff={http.request.header.X-Forwarded-For}" 200
	respond /metrics "$1 metrics" 200
	root * $dir
	file_server
}
CONF
  caddy run --config "$dir/Caddyfile" --adapter caddyfile >"$dir.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$1]=$!
}
R1=$(free_port); R2=$(free_port); OPS=$(free_port)
stand_in replica1 "$R1"; stand_in replica2 "$R2"; stand_in ops "$OPS"

HTTPS=$(free_port)
VINOPS_DOMAIN=vinops.test VINOPS_TLS=internal VINOPS_CADDY_ADMIN=off \
  VINOPS_HTTP_PORT=$(free_port) VINOPS_HTTPS_PORT=$HTTPS \
  VINOPS_UPSTREAMS="127.0.0.1:$R1 127.0.0.1:$R2" VINOPS_OPS_UPSTREAMS="127.0.0.1:$OPS" \
  VINOPS_OPS_ALLOW=127.0.0.2/32 \
  caddy run --config Caddyfile --adapter caddyfile >"$TMP/front.log" 2>&1 &
PIDS+=($!)
req() { curl -sk --max-time 10 --resolve "vinops.test:$HTTPS:127.0.0.1" "$@"; }
for _ in $(seq 100); do req -o /dev/null "https://vinops.test:$HTTPS/readyz" && break; sleep 0.1; done

check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "  ok: $what"; else echo "  FAILED: $what" >&2; tail -20 "$TMP/front.log" >&2; exit 1; fi
}
body=$(req -H 'X-Forwarded-For: 203.0.113.9' "https://vinops.test:$HTTPS/whoami")
check "X-Forwarded-For is the client's address, a forged one replaced ($body)" \
  grep -qE '^replica[12] xff=127\.0\.0\.1$' <<<"$body"
status() { req -o /dev/null -w '%{http_code}' "$@"; }
check "/metrics is 404 for a client not allow-listed" test "$(status "https://vinops.test:$HTTPS/metrics")" = 404
check "/admin/* is 404 for a client not allow-listed" test "$(status -X POST "https://vinops.test:$HTTPS/admin/suppressions")" = 404
check "/metrics from an allow-listed client comes from the operator listener" \
  test "$(req --interface 127.0.0.2 "https://vinops.test:$HTTPS/metrics")" = "ops metrics"
encoding() { req -o /dev/null -H 'Accept-Encoding: zstd, gzip' -w '%header{content-encoding}' "https://vinops.test:$HTTPS$1"; }
check "pages are compressed (zstd)" test "$(encoding /)" = zstd
check "sitemap shards (gzip files) are not compressed again" test -z "$(encoding /sitemaps/vins-en-1-0.xml.gz)"
check "API bodies are not compressed" test -z "$(encoding /api/v1/probe.json)"

kill "${PID_OF[replica1]}"; wait "${PID_OF[replica1]}" 2>/dev/null || true
codes=$(for _ in $(seq 20); do status "https://vinops.test:$HTTPS/whoami"; echo; done | sort | uniq -c | xargs)
check "replica1 killed: 20 requests all answered 200 by replica2 ($codes)" test "$codes" = "20 200"
kill "${PID_OF[replica2]}"; wait "${PID_OF[replica2]}" 2>/dev/null || true
hdr=$(req -D - -o /dev/null "https://vinops.test:$HTTPS/whoami" | tr -d '\r')
check "no replica left: 503 with Retry-After" grep -qiE '^HTTP/[0-9.]+ 503' <<<"$hdr"
check "the 503 asks to come back after 60 s, as the app does" grep -qi '^retry-after: 60' <<<"$hdr"
echo "caddy (live): ok"
