#!/usr/bin/env bash
# HTTP throughput of a running Vinops server: /en/cars and one VIN page, with wrk (installed
# from Debian if missing). Usage: bench-http.sh [BASE_URL] [SECONDS] [CONNECTIONS]
# Start the server first (release build, data loaded), e.g.:
#   vinops-dev bench etl --rows 1000000 && vinops-server serve &
set -euo pipefail
source "$(dirname "$0")/env.sh"
base="${1:-http://127.0.0.1:3000}"
secs="${2:-15}"
conns="${3:-32}"
if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing wrk"
  $SUDO apt-get install -y -qq wrk >/dev/null
fi
# Any VIN the API lists (the first page of the default order).
vin=$(curl -fsS "$base/api/v1/search?limit=1" | sed -n 's/.*"vin":"\([A-Z0-9]*\)".*/\1/p')
[ -n "$vin" ] || { echo "no VIN found at $base/api/v1/search: is data loaded?" >&2; exit 1; }
for path in /en/cars "/en/vin/$vin"; do
  log "wrk -t2 -c$conns -d${secs}s $base$path"
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$base$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors|requests in"
done
