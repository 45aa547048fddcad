#!/usr/bin/env bash
# Times the sitemap index, the hubs sitemap and VIN shards of a running server and reports the server's memory.
#   deploy/scripts/bench-sitemap.sh BASE_URL SERVER_PID [SHARDS_TO_FETCH]
# e.g. after `vinops-dev bench etl --rows 1000000` and `vinops-server serve` on that database:
#   deploy/scripts/bench-sitemap.sh http://127.0.0.1:3220 $(pgrep -n vinops-server) 8
# Prints, per request: status, seconds to first byte and total, bytes; then the server's RSS
# before and after and its peak (VmHWM). Each shard is fetched cold (no validators).
set -euo pipefail
BASE=${1:?BASE_URL}
PID=${2:?SERVER_PID}
MAX=${3:-8}

rss() { awk '/^VmRSS/ {print $2/1024 " MiB"}' "/proc/$PID/status"; }
hwm() { awk '/^VmHWM/ {print $2/1024 " MiB"}' "/proc/$PID/status"; }
fetch() {
  curl -s -o /tmp/bench-sitemap.body -w "%{http_code} ttfb=%{time_starttransfer}s total=%{time_total}s bytes=%{size_download}\n" "$1"
}

echo "server RSS before: $(rss) (peak so far $(hwm))"
echo "index:   $(fetch "$BASE/sitemap.xml")"
# The index's URLs carry SITE_URL; fetch their paths from BASE.
mapfile -t shards < <(grep -o '<loc>[^<]*vins-[^<]*</loc>' /tmp/bench-sitemap.body | sed 's/<[^>]*>//g; s#^https\?://[^/]*##')
echo "index lists ${#shards[@]} VIN shards"
line=$(fetch "$BASE/sitemaps/hubs.xml.gz")
echo "hubs.xml.gz: $line urls=$(gunzip -c /tmp/bench-sitemap.body | grep -o '<url>' | wc -l)"
n=0
for url in "${shards[@]}"; do
  [ "$n" -ge "$MAX" ] && break
  line=$(fetch "$BASE$url")
  urls=$(gunzip -c /tmp/bench-sitemap.body | grep -o '<url>' | wc -l)
  echo "$(basename "$url"): $line urls=$urls"
  n=$((n + 1))
done
echo "server RSS after:  $(rss) (peak $(hwm))"
