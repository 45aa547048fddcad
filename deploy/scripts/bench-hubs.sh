#!/usr/bin/env bash
# Times the make and model hubs of a running server on cache misses.
#   deploy/scripts/bench-hubs.sh BASE_URL [MAKES]
# Run the server with REDIS_URL=off so every request reads the database (the figures are then
# the cost of a miss; hits cost what any cached read costs). Takes the MAKES (default 5) makes
# with the most lots from the home page's make index, and for each: its hub with the default
# period and with `window=all`, and the hub of its first model; each request twice (the
# second shows the warm-buffer cost). Prints status, seconds and bytes per request.
set -euo pipefail
BASE=${1:?BASE_URL}
MAKES=${2:-5}

fetch() {
  curl -s -o /tmp/bench-hubs.body -w "%{http_code} %{time_total}s %{size_download}B" "$BASE$1"
}
# `href="/en/cars/{slug}"` links, each followed by its lot count; biggest first.
# (`<!>` are Leptos's hydration markers.)
mapfile -t makes < <(curl -s "$BASE/en" | sed 's/<!>//g' \
  | grep -oE 'href="/en/cars/[a-z0-9-]+"[^<]*<span[^>]*>[^<]*</span><span[^>]*>[0-9,]+' \
  | sed -E 's#href="/en/cars/([a-z0-9-]+)".*>([0-9,]+)$#\2 \1#; s/,//g' \
  | sort -rn | head -n "$MAKES" | awk '{print $2}')
echo "makes: ${makes[*]}"
for make in "${makes[@]}"; do
  for path in "/en/cars/$make" "/en/cars/$make?window=all"; do
    echo "$path: $(fetch "$path") | again $(fetch "$path")"
  done
  model=$(grep -oE "href=\"/en/cars/$make/[a-z0-9-]+\"" /tmp/bench-hubs.body | head -1 | sed -E 's#.*/##; s/"//')
  [ -n "$model" ] && echo "/en/cars/$make/$model: $(fetch "/en/cars/$make/$model") | again $(fetch "/en/cars/$make/$model")"
done
