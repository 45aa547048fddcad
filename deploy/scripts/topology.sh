#!/usr/bin/env bash
# `make topology`: the production topology on this machine, no containers, and what it must
# survive. Started here, all on free ports under one temp dir, all stopped on exit:
#   - a PostgreSQL primary and a hot standby (`pg_basebackup -R`, streaming), TLS on both with a
#     throw-away CA (`vinops-dev tls-certs`), SCRAM passwords, plain TCP refused;
#   - Redis; the simulated Copart export (`vinops-dev simulate --photos-here`, a new export every
#     20 s) and its photo API over https;
#   - s3s-fs as the S3 store: the photo bucket (its public side, as a CDN or R2's public URL
#     would be, is a read-only file server over the bucket) and the private archive bucket;
#   - two RELEASE `vinops-server serve` replicas: replica 1 reads the primary, replica 2 the
#     standby; both run the jobs (ETL every 20 s, photos every 15 s) against the primary;
#   - Caddy with deploy/caddy/Caddyfile (`tls internal`) in front of both.
# It then proves, printing figures:
#   (a) the ETL and the images job run once per slot across the two replicas; photos stored by
#       the replica that ran the job are on the other's pages, served from the shared bucket;
#       the exports are archived in the shared bucket;
#   (e) pages are served from the standby; its replay lag is on /health;
#   (b) `kill -9` of a replica under load through Caddy: 0 failed requests;
#   (c) a rolling restart under load (stop, start, one replica at a time): 0 failed requests; a
#       replica whose database schema is behind its binary is refused by /readyz;
#   (d) Redis killed under load: 0 failed requests, pages still correct;
#   (f) the backup and restore drill (deploy/scripts/backup-drill.sh, on a cluster of its own).
# Load: wrk, 2 threads, 16 connections paced at TOPOLOGY_PACE_MS (150) between requests,
# TOPOLOGY_LOAD_SECS (default 60) per phase.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
START=$(date +%s)
step() { log "[$(( $(date +%s) - START ))s] $*"; }
LOAD_SECS=${TOPOLOGY_LOAD_SECS:-60}

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
source deploy/scripts/lib/pg-cluster.sh
step "setup and release build"
deploy/scripts/setup.sh --with-test-tools
command -v wrk >/dev/null || { $SUDO apt-get install -y -qq wrk >/dev/null; }
WITH_DEV_TOOLS=1 deploy/build-site.sh release
SERVER="$CARGO_TARGET_DIR/release/vinops-server"
DEV="$CARGO_TARGET_DIR/release/vinops-dev"

TMP=$(mktemp -d /tmp/vinops-topology.XXXXXX)
chmod 755 "$TMP"
PIDS=()
declare -A PID_OF
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for c in primary standby; do [ -d "$TMP/$c/data" ] && pg_stop "$TMP/$c" immediate; done
  wait 2>/dev/null || true
  [ "${TOPOLOGY_KEEP:-0}" = 1 ] && { echo "kept $TMP"; return; }
  $SUDO rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
check() { local what=$1; shift; if "$@"; then echo "  ok: $what"; else fail "$what"; fi; }

# --- PostgreSQL: primary + standby, TLS + SCRAM ------------------------------------------------
PW="topology-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
P1=$(free_port); P2=$(free_port)
"$DEV" tls-certs --out "$TMP/pki" --name localhost --ip 127.0.0.1 >/dev/null
pg_dir "$TMP/primary"; pg_dir "$TMP/standby"
echo "$PW" > "$TMP/pw"; $SUDO chown postgres: "$TMP/pw"
as_pg "$PG_BIN/initdb" -D "$TMP/primary/data" -U postgres --pwfile "$TMP/pw" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --no-sync >/dev/null
$SUDO install -o postgres -m 600 "$TMP/pki/server.pem" "$TMP/pki/server.key" "$TMP/primary/data/"
pg_conf "$TMP/primary" <<CONF
ssl = on
ssl_cert_file = 'server.pem'
ssl_key_file = 'server.key'
max_connections = 120
fsync = off
CONF
pg_port_conf "$TMP/primary" "$P1"
cat > "$TMP/primary/data/pg_hba.conf" <<HBA
local all all trust
local replication all trust
hostssl all all 127.0.0.1/32 scram-sha-256
hostnossl all all 127.0.0.1/32 reject
HBA
pg_start "$TMP/primary"
psql_on() { pg_sql "$TMP/$1" "$2" "${3:-postgres}" "$4"; }
psql_on primary "$P1" postgres "CREATE ROLE vinops LOGIN CREATEROLE CREATEDB PASSWORD '$PW'"
psql_on primary "$P1" postgres "CREATE DATABASE vinops OWNER vinops"
TLS_Q="sslmode=verify-full&sslrootcert=$TMP/pki/ca.pem"
url() { echo "postgres://$1:$PW@localhost:$2/${3:-vinops}?$TLS_Q"; }
step "migrate (the deploy step) over verify-full"
DATABASE_URL=$(url vinops "$P1") "$SERVER" migrate
psql_on primary "$P1" vinops "ALTER ROLE vinops_web PASSWORD '$PW'; ALTER ROLE vinops_etl PASSWORD '$PW'"
as_pg "$PG_BIN/pg_basebackup" -D "$TMP/standby/data" -h "$TMP/primary" -p "$P1" -U postgres -R \
  -X stream --checkpoint=fast --no-sync
pg_port_conf "$TMP/standby" "$P2"
pg_start "$TMP/standby"
check "the standby is in recovery" test "$(psql_on standby "$P2" vinops 'SELECT pg_is_in_recovery()')" = t

# --- Redis, the simulated export, the replicas, Caddy ------------------------------------------
# The images job takes 3 lots a run: enough to prove where photos go, while its JPEG work stays
# small beside the load phases (at 20 lots a run, with everything on 2 cores, the web pools
# waited past their 3 s acquire timeout and a few pages answered 503).
# The API's per-client rate limit is lifted on the replicas: the load below is one client (wrk on
# 127.0.0.1), which the limit would rightly answer 429 after its first burst.
RP=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning > "$TMP/redis.log" 2>&1 &
PIDS+=($!); PID_OF[redis]=$!
SP=$(free_port)
"$DEV" simulate --addr "127.0.0.1:$SP" --rows 3000 --advance-every-secs 20 --photos-here > "$TMP/sim.log" 2>&1 &
PIDS+=($!)
EXPORT_URL="http://127.0.0.1:$SP/FTPLSTDM/salesdata.cgi?authKey=demo-token"
for _ in $(seq 150); do curl -fs -o /dev/null "$EXPORT_URL" && break; sleep 0.2; done
# The simulator logs what the images job needs to reach its https photo API (allowed + pinned
# host, its CA): development-only settings, passed to both replicas as they are.
PHOTO_ENV=()
for v in IMAGES_ALLOWED_HOSTS IMAGES_PINNED_HOSTS IMAGES_EXTRA_CA_FILE; do
  val=$(grep -oE "$v=[^ \"]+" "$TMP/sim.log" | head -1) || fail "the simulator did not log $v"
  PHOTO_ENV+=("$val")
done

# The S3 store: s3s-fs over $TMP/s3 (a bucket is a directory), and the photo bucket's public
# side: a read-only file server over the bucket's directory, standing in for the CDN (or R2's
# public bucket URL) that MEDIA_BASE_URL names in production.
S3P=$(free_port); MP=$(free_port)
S3_KEY="topology-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
S3_SECRET="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$TMP/s3/vinops-photos" "$TMP/s3/vinops-archive"
s3s-fs --host 127.0.0.1 --port "$S3P" --access-key "$S3_KEY" --secret-key "$S3_SECRET" "$TMP/s3" > "$TMP/s3.log" 2>&1 &
PIDS+=($!)
caddy file-server --root "$TMP/s3/vinops-photos" --listen "127.0.0.1:$MP" > "$TMP/media.log" 2>&1 &
PIDS+=($!)

R1=$(free_port); R2=$(free_port); O1=$(free_port); O2=$(free_port)
start_replica() { # NAME PORT OPS_PORT WEB_DB_PORT [extra env...]
  local name=$1 port=$2 ops=$3 web=$4; shift 4
  env LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=vinops \
    DATABASE_URL="$(url vinops "$P1")" ETL_DATABASE_URL="$(url vinops_etl "$P1")" \
    WEB_DATABASE_URL="$(url vinops_web "$web")" \
    REDIS_URL="redis://127.0.0.1:$RP" REDIS_KEY_PREFIX=topology \
    COPART_CSV_URL="$EXPORT_URL" \
    ETL_SCHEDULE="*/20 * * * * *" IMAGES_AFTER_ETL=false \
    S3_ENDPOINT="http://127.0.0.1:$S3P" S3_BUCKET=vinops-photos S3_ACCESS_KEY_ID="$S3_KEY" \
    S3_SECRET_ACCESS_KEY="$S3_SECRET" S3_FORCE_PATH_STYLE=true S3_CHECKSUM=when-required \
    ARCHIVE_S3_BUCKET=vinops-archive ARCHIVE_DIR="$TMP/archive-$name" MEDIA_BASE_URL="http://127.0.0.1:$MP" \
    IMAGES_BACKFILL_SCHEDULE="*/15 * * * * *" IMAGES_MAX_LOTS=3 "${PHOTO_ENV[@]}" \
    SITE_URL="https://localhost:$HTTPS" \
    API_TRUSTED_PROXIES=127.0.0.1 OPS_ADDR="127.0.0.1:$ops" LOG_FORMAT=json \
    API_RATE_LIMIT_PER_MIN=1000000 API_RATE_LIMIT_BURST=100000 "$@" \
    "$SERVER" serve --addr "127.0.0.1:$port" >> "$TMP/$name.log" 2>&1 &
  PIDS+=($!); PID_OF[$name]=$!
}
wait_ready() { # PORT
  for _ in $(seq 120); do curl -fs -o /dev/null "http://127.0.0.1:$1/readyz" && return 0; sleep 0.5; done
  return 1
}
HTTPS=$(free_port)
start_replica replica1 "$R1" "$O1" "$P1"
start_replica replica2 "$R2" "$O2" "$P2"
check "replica 1 ready" wait_ready "$R1"
check "replica 2 ready" wait_ready "$R2"
export HOME=$TMP XDG_DATA_HOME=$TMP/caddy-data XDG_CONFIG_HOME=$TMP/caddy-config
VINOPS_DOMAIN=localhost VINOPS_TLS=internal VINOPS_CADDY_ADMIN=off \
  VINOPS_HTTP_PORT=$(free_port) VINOPS_HTTPS_PORT=$HTTPS \
  VINOPS_UPSTREAMS="127.0.0.1:$R1 127.0.0.1:$R2" VINOPS_OPS_UPSTREAMS="127.0.0.1:$O1 127.0.0.1:$O2" \
  VINOPS_OPS_ALLOW=127.0.0.2/32 \
  caddy run --config deploy/caddy/Caddyfile --adapter caddyfile > "$TMP/caddy.log" 2>&1 &
PIDS+=($!)
FRONT="https://localhost:$HTTPS"
for _ in $(seq 100); do curl -sk -o /dev/null "$FRONT/healthz" && break; sleep 0.2; done

# --- (a) the ETL once per slot across the replicas ---------------------------------------------
step "(a) ETL slots across two replicas"
sql() { psql_on primary "$P1" vinops "$1"; }
for _ in $(seq 90); do
  [ "$(sql "SELECT count(*) FROM audit.runs WHERE job = 'etl' AND status = 'succeeded'")" -ge 2 ] && break
  sleep 1
done
runs=$(sql "SELECT count(*) FROM audit.runs WHERE job = 'etl'")
slots=$(sql "SELECT count(*) FROM audit.job_slots WHERE job = 'etl' AND outcome <> 'skipped'")
claims=$(sql "SELECT string_agg(n::text || ' by ' || split_part(instance, ':', 2), ', ') FROM (SELECT instance, count(*) n FROM audit.job_slots WHERE job = 'etl' GROUP BY instance) s")
echo "  figures: $runs ETL runs for $slots claimed slots; claims per instance (pid): $claims"
check "at least two ETL runs succeeded" test "$(sql "SELECT count(*) FROM audit.runs WHERE job = 'etl' AND status = 'succeeded'")" -ge 2
check "one ETL run per claimed slot" test "$runs" = "$slots"
check "no slot claimed twice" test "$(sql "SELECT count(*) FROM (SELECT job, slot FROM audit.job_slots GROUP BY job, slot HAVING count(*) > 1) d")" = 0

step "(a) photos through the shared bucket"
for _ in $(seq 90); do
  [ "$(sql "SELECT count(*) FROM audit.job_slots WHERE job = 'images_backfill' AND outcome = 'succeeded'")" -ge 1 ] \
    && [ "$(sql "SELECT count(*) FROM images")" -gt 0 ] && break
  sleep 1
done
check "an images run stored photos" test "$(sql "SELECT count(*) FROM images")" -gt 0
img_claims=$(sql "SELECT string_agg(n::text || ' by ' || split_part(instance, ':', 2), ', ') FROM (SELECT instance, count(*) n FROM audit.job_slots WHERE job = 'images_backfill' GROUP BY instance) s")
echo "  figures: $(sql "SELECT count(*) FROM images") photos of $(sql "SELECT count(DISTINCT lot_id) FROM images") lots; images slots per instance (pid): $img_claims"
# The replica that did NOT store a given photo shows it: the other one's pid is not the storer's.
read -r PHOTO_VIN PHOTO_KEY STORER < <(sql "SELECT l.vin || ' ' || i.storage_key || ' ' || split_part(s.instance, ':', 2)
  FROM images i JOIN lots l ON l.id = i.lot_id
  JOIN audit.runs r ON r.job = 'images' AND i.created_at BETWEEN r.started_at AND coalesce(r.finished_at, now())
  JOIN audit.job_slots s ON s.run_id = r.id
  WHERE i.variant = 'ful' AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.vin = l.vin)
  ORDER BY i.id LIMIT 1" | tr '|' ' ')
OTHER=$R2; OTHER_NAME=replica2
[ "$STORER" = "${PID_OF[replica2]}" ] && { OTHER=$R1; OTHER_NAME=replica1; }
echo "  figures: $PHOTO_KEY of $PHOTO_VIN stored by pid $STORER; asking $OTHER_NAME for its page"
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$OTHER/en/vin/$PHOTO_VIN" | grep -qF "http://127.0.0.1:$MP/$PHOTO_KEY" && break; sleep 0.5; done
check "the other replica's VIN page links the photo at the bucket's public URL" \
  bash -c "curl -fs 'http://127.0.0.1:$OTHER/en/vin/$PHOTO_VIN' | grep -qF 'http://127.0.0.1:$MP/$PHOTO_KEY'"
check "the photo's URL answers a JPEG from the shared bucket" \
  test "$(curl -fs "http://127.0.0.1:$MP/$PHOTO_KEY" | head -c 3 | od -An -tx1 | tr -d ' ')" = ffd8ff
check "no replica kept a local copy" test ! -e var/media/"$PHOTO_KEY"
archived=$(find "$TMP/s3/vinops-archive/raw/copart" -name '*.csv.gz' | wc -l)
echo "  figures: $archived exports archived in the shared bucket"
check "the exports are archived in the shared bucket" test "$archived" -ge 1

# --- (e) pages from the standby, its lag on /health --------------------------------------------
step "(e) pages from the standby"
lots_on() { curl -fs "http://127.0.0.1:$1/en/cars" | grep -oE '[0-9][0-9,]* lots' | head -1; }
for _ in $(seq 40); do [ "$(lots_on "$R1")" = "$(lots_on "$R2")" ] && break; sleep 0.5; done
echo "  figures: replica 1 (primary) shows '$(lots_on "$R1")', replica 2 (standby) shows '$(lots_on "$R2")'"
check "the standby-backed replica serves the same catalog" test "$(lots_on "$R1")" = "$(lots_on "$R2")"
health2=$(curl -fs -H 'accept: application/json' "http://127.0.0.1:$O2/health")
db2=$(python3 -c 'import json,sys; d=json.load(sys.stdin)["services"]["database"]; print(d["summary"]); print(json.dumps(d["details"]))' <<<"$health2")
echo "  figures: replica 2 /health database: $(echo "$db2" | tr '\n' ' ')"
check "replica 2's /health says standby" grep -q '"standby": true' <<<"$db2"

# --- load helper ---------------------------------------------------------------------------------
# One wrk run through Caddy over the catalog, a VIN page and the API; prints requests, failures
# (socket errors + non-2xx/3xx) and p99, and fails the script on any failed request.
# Paced, not flat out: every connection waits PACE_MS between requests (≤ 16 × 1000 / 150 ≈ 107
# req/s), about half of what this 2-core box serves through Caddy with everything else on it.
# Unpaced, wrk holds the box saturated, so whichever replica is left alone during a restart
# queues past its 3 s pool timeout and sheds a few requests: that measures the box's capacity,
# not failover. Capacity is measured on its own (deploy/scripts/bench-http.sh).
PACE_MS=${TOPOLOGY_PACE_MS:-150}
VIN=$(sql "SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
cat > "$TMP/paths.lua" <<LUA
local paths = {"/en/cars", "/ru/cars?make=TOYOTA", "/en/vin/$VIN", "/api/v1/vehicles/$VIN", "/en/cars?year_from=2015"}
local i = 0
-- Paced: each connection waits this long before its next request (see PACE_MS above).
function delay() return $PACE_MS end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
-- Every answer that is not 2xx/3xx, by status and by who gave it, printed at the end: the
-- app's load shedding says why in x-vinops-shed, Caddy's own error page is plain text.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  if status >= 400 then
    local shed = headers["x-vinops-shed"] or headers["X-Vinops-Shed"]
    local who = shed and ("app shed " .. shed)
      or (string.find(body or "", "briefly unavailable", 1, true) and "caddy (no replica answered)")
      or ("app: " .. string.gsub(string.sub(body or "", 1, 80), "%s+", " "))
    local key = status .. " from " .. who
    statuses[key] = (statuses[key] or 0) + 1
  end
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    for key, n in pairs(t:get("statuses")) do io.write(string.format("status %s: %d\n", key, n)) end
  end
end
LUA
load() { # NAME: runs wrk in the background; `load_result NAME` waits and checks it
  wrk -t2 -c16 -d"${LOAD_SECS}s" --timeout 10s --latency -s "$TMP/paths.lua" "$FRONT" > "$TMP/wrk-$1.txt" 2>&1 &
  PID_OF[wrk]=$!
}
load_result() {
  wait "${PID_OF[wrk]}" || true
  local out=$TMP/wrk-$1.txt reqs non2xx sock p99
  reqs=$(awk '/requests in/ {print $1}' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$out"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out"); sock=${sock:-0}
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  echo "  figures ($1): $reqs requests in ${LOAD_SECS}s, failed $((non2xx + sock)) (non-2xx $non2xx, socket errors $sock), p99 $p99"
  grep '^status ' "$out" | sed 's/^/    /' || true
  check "$1: no failed request" test $((non2xx + sock)) -eq 0
}

# --- (b) kill -9 of a replica under load --------------------------------------------------------
step "(b) kill -9 of replica 1 under load (${LOAD_SECS}s)"
load kill9
sleep $((LOAD_SECS / 3))
kill -9 "${PID_OF[replica1]}"; wait "${PID_OF[replica1]}" 2>/dev/null || true
echo "  replica 1 killed (-9) at $((LOAD_SECS / 3)) s"
sleep 5
start_replica replica1 "$R1" "$O1" "$P1"
wait_ready "$R1" || fail "replica 1 did not come back"
load_result kill9

# --- (c) rolling restart under load, and a schema behind its binary -----------------------------
step "(c) rolling restart under load (${LOAD_SECS}s)"
load rolling
for name in replica1 replica2; do
  sleep $((LOAD_SECS / 5))
  port=$R1 ops=$O1 web=$P1
  [ "$name" = replica2 ] && { port=$R2; ops=$O2; web=$P2; }
  kill -TERM "${PID_OF[$name]}"; wait "${PID_OF[$name]}" 2>/dev/null || true
  start_replica "$name" "$port" "$ops" "$web"
  wait_ready "$port" || fail "$name did not come back"
  echo "  $name replaced and ready"
done
load_result rolling
psql_on primary "$P1" postgres "CREATE DATABASE vinops_behind OWNER vinops"
R3=$(free_port); O3=$(free_port)
start_replica behind "$R3" "$O3" "$P1" WEB_DATABASE_URL="$(url vinops_web "$P1" vinops_behind)" \
  DATABASE_URL="$(url vinops "$P1" vinops_behind)" ETL_DATABASE_URL="$(url vinops_etl "$P1" vinops_behind)" JOBS_ENABLED=false
for _ in $(seq 40); do curl -s -o /dev/null "http://127.0.0.1:$R3/healthz" && break; sleep 0.25; done
ready_code=$(curl -s -o "$TMP/behind-readyz.txt" -w '%{http_code}' "http://127.0.0.1:$R3/readyz")
echo "  figures: a replica on an unmigrated schema answers /readyz $ready_code: $(head -c 200 "$TMP/behind-readyz.txt")"
check "a schema behind the binary is refused by readiness" test "$ready_code" = 503
kill "${PID_OF[behind]}"; wait "${PID_OF[behind]}" 2>/dev/null || true

# --- (d) Redis killed under load ----------------------------------------------------------------
step "(d) Redis killed under load (${LOAD_SECS}s)"
load redis
sleep $((LOAD_SECS / 3))
kill -9 "${PID_OF[redis]}"; wait "${PID_OF[redis]}" 2>/dev/null || true
echo "  redis killed (-9) at $((LOAD_SECS / 3)) s"
check "pages are still correct without Redis" test "$(lots_on "$R1")" = "$(lots_on "$R2")"
load_result redis

# --- (f) backup and restore ------------------------------------------------------------------------
step "(f) backup and restore drill"
VINOPS_BIN_DIR="$CARGO_TARGET_DIR/release" deploy/scripts/backup-drill.sh

step "topology: all checks passed in $(( $(date +%s) - START )) s"
