#!/usr/bin/env bash
# `make backup-drill` (and step (f) of `make topology`): the backup and restore procedure of
# deploy/RUNBOOK.md, run end to end on this machine against a real S3-compatible store, timed.
#
#   1. a PostgreSQL primary archiving its WAL into the store (`archive_command` = rclone), s3s-fs
#      as the store (a private `vinops-backup` bucket, and `vinops-archive` for the journal);
#   2. migrated and loaded with BACKUP_DRILL_LOTS generated lots (`vinops-dev bench etl`);
#   3. a base backup streamed into the store (pg_basebackup | zstd | rclone rcat), timed;
#   4. after it, a VIN suppressed with `vinops-server suppress` (so in the WAL and the journal);
#   5. restore of the latest state into a fresh cluster (base backup + WAL replay), timed: the
#      same counts as the primary, the VIN suppressed;
#   6. restore to a point in time before the suppression: the VIN is back, until
#      `vinops-server suppressions replay` re-applies it from the journal (and a second replay
#      changes nothing).
# Prints the figures; exits non-zero on any failed check. Everything runs under one temp dir
# and is stopped and removed on exit. Uses the release binaries (built when missing, or when
# BACKUP_DRILL_BUILD=1; VINOPS_BIN_DIR points elsewhere). BACKUP_DRILL_LOTS: how many lots
# (default 20,000; the figures in docs/benchmarks.md are at 1,000,000).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
source deploy/scripts/lib/pg-cluster.sh
START=$(date +%s)
step() { log "[backup drill $(( $(date +%s) - START ))s] $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
check() { local what=$1; shift; if "$@"; then echo "  ok: $what"; else fail "$what"; fi; }
LOTS=${BACKUP_DRILL_LOTS:-20000}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
since() { awk -v ms=$(( $(now_ms) - $1 )) 'BEGIN { printf "%.1f", ms / 1000 }'; } # T0_MS -> seconds

BIN_DIR=${VINOPS_BIN_DIR:-$CARGO_TARGET_DIR/release}
SERVER="$BIN_DIR/vinops-server"
DEV="$BIN_DIR/vinops-dev"
if [ "${BACKUP_DRILL_BUILD:-0}" = 1 ] || [ ! -x "$SERVER" ] || [ ! -x "$DEV" ]; then
  step "release build"
  deploy/scripts/setup.sh --with-test-tools
  WITH_DEV_TOOLS=1 deploy/build-site.sh release
fi
command -v rclone >/dev/null || { $SUDO apt-get install -y -qq rclone >/dev/null; }
command -v zstd >/dev/null || { $SUDO apt-get install -y -qq zstd >/dev/null; }
command -v s3s-fs >/dev/null || fail "s3s-fs missing (deploy/scripts/setup.sh --with-test-tools installs it)"
# This machine exports AWS_CA_BUNDLE for its own tools; rclone 1.60 then refuses every plain-http
# endpoint, and PostgreSQL's archive_command inherits the variable from pg_ctl.
unset AWS_CA_BUNDLE

TMP=$(mktemp -d /tmp/vinops-backup-drill.XXXXXX)
chmod 755 "$TMP"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for c in primary latest pitr; do [ -d "$TMP/$c/data" ] && pg_stop "$TMP/$c" immediate; done
  wait 2>/dev/null || true
  [ "${BACKUP_DRILL_KEEP:-0}" = 1 ] && { echo "kept $TMP"; return; }
  $SUDO rm -rf "$TMP"
}
trap cleanup EXIT

# --- the store: s3s-fs with a private backup bucket and the archive bucket (journal) ----------
S3P=$(free_port)
S3_KEY="drill-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
S3_SECRET="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$TMP/s3/vinops-backup" "$TMP/s3/vinops-archive" "$TMP/s3/vinops-photos"
s3s-fs --host 127.0.0.1 --port "$S3P" --access-key "$S3_KEY" --secret-key "$S3_SECRET" "$TMP/s3" \
  > "$TMP/s3.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$S3P") 2>/dev/null && break; sleep 0.1; done
# The rclone remote every backup command uses (production: /etc/vinops/rclone.conf, readable by
# the postgres user only: it holds the store's key).
install -m 644 /dev/null "$TMP/rclone.conf"
cat > "$TMP/rclone.conf" <<CONF
[backup]
type = s3
provider = Other
endpoint = http://127.0.0.1:$S3P
access_key_id = $S3_KEY
secret_access_key = $S3_SECRET
force_path_style = true
no_check_bucket = true
CONF
RCLONE="rclone -q --config $TMP/rclone.conf"
REPO=backup:vinops-backup
# The server's view of the same store: the journal lives in the archive bucket.
export S3_ENDPOINT="http://127.0.0.1:$S3P" S3_BUCKET=vinops-photos S3_ACCESS_KEY_ID="$S3_KEY" \
  S3_SECRET_ACCESS_KEY="$S3_SECRET" S3_FORCE_PATH_STYLE=true S3_CHECKSUM=when-required \
  ARCHIVE_S3_BUCKET=vinops-archive

# --- the primary, archiving its WAL ---------------------------------------------------------------
step "primary with WAL archiving into the store"
P1=$(free_port)
pg_dir "$TMP/primary"
as_pg "$PG_BIN/initdb" -D "$TMP/primary/data" -U postgres --auth-local=trust --auth-host=trust \
  -E UTF8 >/dev/null
pg_conf "$TMP/primary" <<CONF
wal_level = replica
archive_mode = on
archive_command = '$RCLONE copyto %p $REPO/wal/%f'
archive_timeout = 60
max_wal_size = 4GB
CONF
pg_port_conf "$TMP/primary" "$P1"
pg_start "$TMP/primary"
pg_sql "$TMP/primary" "$P1" postgres "CREATE ROLE vinops LOGIN CREATEROLE CREATEDB"
pg_sql "$TMP/primary" "$P1" postgres "CREATE DATABASE vinops OWNER vinops"
export DATABASE_URL="postgres://vinops@127.0.0.1:$P1/vinops"
"$SERVER" migrate >/dev/null 2>&1 || fail "migrate"

step "load $LOTS generated lots (vinops-dev bench etl)"
t0=$(now_ms)
"$DEV" bench etl --rows "$LOTS" --seed 7 > "$TMP/load.txt" 2>&1 || { tail -20 "$TMP/load.txt"; fail "load"; }
load_s=$(since "$t0")
pg_sql "$TMP/primary" "$P1" vinops "VACUUM ANALYZE"
size=$(pg_sql "$TMP/primary" "$P1" vinops "SELECT pg_size_pretty(pg_database_size('vinops'))")
echo "  figures: $(pg_sql "$TMP/primary" "$P1" vinops 'SELECT count(*) FROM lots') lots loaded in $load_s s, database $size"

# --- base backup --------------------------------------------------------------------------------
step "base backup into the store"
NAME="base-$(date -u +%Y%m%dT%H%M%SZ)"
t0=$(now_ms)
as_pg "$PG_BIN/pg_basebackup" -h "$TMP/primary" -p "$P1" -U postgres -D - -Ft -X none \
  --checkpoint=fast | zstd -1 -q -T0 | $RCLONE rcat "$REPO/base/$NAME.tar.zst"
backup_s=$(since "$t0")
backup_bytes=$(du -b "$TMP/s3/vinops-backup/base/$NAME.tar.zst" | cut -f1)
echo "  figures: base backup $((backup_bytes / 1024 / 1024)) MiB (zstd) in $backup_s s"

# --- a removal after the backup ---------------------------------------------------------------------
VIN=$(pg_sql "$TMP/primary" "$P1" vinops "SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
BEFORE=$(pg_sql "$TMP/primary" "$P1" vinops "SELECT now()")
sleep 1
out=$("$SERVER" suppress "$VIN" --reason "backup drill" 2>"$TMP/suppress.log") || { cat "$TMP/suppress.log"; fail "suppress"; }
echo "  suppress: $out"
check "the removal is in the journal" grep -q '"journal":"written"' <<<"$out"
seg=$(pg_sql "$TMP/primary" "$P1" vinops "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 120); do
  [ "$(pg_sql "$TMP/primary" "$P1" vinops "SELECT coalesce(last_archived_wal >= '$seg', false) FROM pg_stat_archiver")" = t ] && break
  sleep 0.5
done
check "the WAL up to the removal is archived" \
  test "$(pg_sql "$TMP/primary" "$P1" vinops "SELECT last_archived_wal >= '$seg' FROM pg_stat_archiver")" = t
COUNTS="SELECT (SELECT count(*) FROM lots) || ' lots, ' || (SELECT count(*) FROM vehicles) || ' vehicles, ' || (SELECT count(*) FROM audit.lot_events) || ' lot events, ' || (SELECT count(*) FROM suppressions) || ' suppressions, ' || (SELECT count(*) FROM audit.runs) || ' runs'"
primary_counts=$(pg_sql "$TMP/primary" "$P1" vinops "$COUNTS")
echo "  figures: primary: $primary_counts"

# --- restore ---------------------------------------------------------------------------------------
# restore NAME PORT [TARGET_TIME]: the base backup and the WAL from the store into a fresh
# cluster, recovered to the end of the archive (or to TARGET_TIME) and promoted.
restore() {
  local dir=$TMP/$1 port=$2 target_line=""
  [ -n "${3:-}" ] && target_line="recovery_target_time = '$3'"
  pg_dir "$dir"; as_pg mkdir -m 700 "$dir/data"
  $RCLONE cat "$REPO/base/$NAME.tar.zst" | zstd -d -q | as_pg tar -x -C "$dir/data"
  # Not the primary's archive_command: a restored copy must never write into its WAL archive.
  pg_conf "$dir" <<CONF
archive_mode = off
restore_command = '$RCLONE copyto $REPO/wal/%f %p && test -f %p'
recovery_target_action = 'promote'
$target_line
CONF
  pg_port_conf "$dir" "$port"
  as_pg touch "$dir/data/recovery.signal"
  pg_start "$dir"
  for _ in $(seq 1200); do
    [ "$(pg_sql "$dir" "$port" vinops 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && return 0
    sleep 0.25
  done
  tail -20 "$dir/log" >&2; return 1
}

step "restore the latest state into a fresh cluster"
P2=$(free_port)
t0=$(now_ms)
restore latest "$P2" || fail "restore (latest)"
restore_s=$(since "$t0")
latest_counts=$(pg_sql "$TMP/latest" "$P2" vinops "$COUNTS")
echo "  figures: restored in $restore_s s: $latest_counts"
check "the restore has the primary's counts" test "$latest_counts" = "$primary_counts"
check "the VIN removed after the base backup is removed in the restore (WAL)" \
  test "$(pg_sql "$TMP/latest" "$P2" vinops "SELECT count(*) FROM suppressions WHERE vin = '$VIN'")" = 1

step "restore to a point in time before the removal, then replay the journal"
P3=$(free_port)
t0=$(now_ms)
restore pitr "$P3" "$BEFORE" || fail "restore (point in time)"
pitr_s=$(since "$t0")
echo "  figures: point-in-time restore in $pitr_s s: $(pg_sql "$TMP/pitr" "$P3" vinops "$COUNTS")"
check "before the removal, the VIN is back" \
  test "$(pg_sql "$TMP/pitr" "$P3" vinops "SELECT count(*) FROM suppressions WHERE vin = '$VIN'")" = 0
replay=$(DATABASE_URL="postgres://vinops@127.0.0.1:$P3/vinops" "$SERVER" suppressions replay 2>"$TMP/replay.log") \
  || { cat "$TMP/replay.log"; fail "replay"; }
echo "  replay: $replay"
check "the replay removes the VIN again" \
  test "$(pg_sql "$TMP/pitr" "$P3" vinops "SELECT count(*) FROM suppressions WHERE vin = '$VIN'")" = 1
check "the replay names it" grep -q "\"vin\":\"$VIN\"" <<<"$replay"
again=$(DATABASE_URL="postgres://vinops@127.0.0.1:$P3/vinops" "$SERVER" suppressions replay 2>>"$TMP/replay.log")
echo "  replay again: $again"
check "a second replay changes nothing" grep -q '"reapplied":\[\]' <<<"$again"

step "backup drill: all checks passed in $(( $(date +%s) - START )) s (lots $LOTS, database $size, backup $backup_s s, restore $restore_s s, point-in-time restore $pitr_s s)"
