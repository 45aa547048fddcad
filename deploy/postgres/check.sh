#!/usr/bin/env bash
# Checks deploy/postgres: the connection budget of vinops.conf against the pool sizes in the
# code, then a throw-away cluster (initdb under a temp dir, a free port, run as the postgres OS
# user) started with vinops.conf included and pg_hba.conf installed: SCRAM logins work for a
# role with a password and are refused for a role without one, a wrong password and an unlisted
# role. The cluster is stopped and removed on exit. Takes a few seconds.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT"
HERE=deploy/postgres

# --- connection budget ------------------------------------------------------------------------
pool_max() { # fn name in server/src/db.rs -> its max_connections(N)
  sed -n "/fn $1(/,/max_connections(/p" server/src/db.rs | sed -nE 's/.*max_connections\(([0-9]+)\).*/\1/p' | head -1
}
conf() { sed -nE "s/^$1 *= *'?([0-9]+)'?.*/\1/p" "$HERE/vinops.conf"; }
web=$(grep -A1 'env = "WEB_DB_POOL_MAX"' server/src/config.rs | sed -nE 's/.*default_value_t = ([0-9]+).*/\1/p')
site=$(pool_max site_write_pool); jobs=$(pool_max jobs_pool); etl=$(pool_max etl_pool); mig=$(pool_max migrate)
max=$(conf max_connections); reserved=$(conf superuser_reserved_connections)
for v in web site jobs etl mig max reserved; do
  [ -n "${!v}" ] || { echo "connection budget: could not read $v" >&2; exit 1; }
done
replica=$((web + site)); jobsproc=$((web + site + jobs)); admin=5
for r in 2 3; do
  need=$((r * replica + jobsproc + mig + etl + admin))
  echo "connection budget, $r web replicas: $r x $replica + $jobsproc + $mig + $etl + $admin = $need of $((max - reserved))"
  [ "$need" -le $((max - reserved)) ] || { echo "over max_connections: update $HERE/vinops.conf" >&2; exit 1; }
done
grep -q "R = 2: 2 x $replica + $jobsproc + $mig + $etl + $admin = $((2 * replica + jobsproc + mig + etl + admin))" "$HERE/vinops.conf" \
  || { echo "the budget comment in $HERE/vinops.conf no longer matches the pool sizes" >&2; exit 1; }

# --- throw-away cluster -----------------------------------------------------------------------
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
source deploy/scripts/lib/pg-cluster.sh
BIN=$PG_BIN
TMP=$(mktemp -d /tmp/vinops-pgcheck.XXXXXX)
pg_dir "$TMP"
cleanup() {
  pg_stop "$TMP" immediate
  $SUDO rm -rf "$TMP"
}
trap cleanup EXIT
PORT=$(free_port)

as_pg "$BIN/initdb" -D "$TMP/data" -U postgres --auth-local=peer --auth-host=reject >/dev/null
as_pg mkdir -p "$TMP/data/conf.d"
as_pg tee "$TMP/data/conf.d/vinops.conf" < "$HERE/vinops.conf" >/dev/null
as_pg tee "$TMP/data/pg_hba.conf" < "$HERE/pg_hba.conf" >/dev/null
echo "include_dir = 'conf.d'" | as_pg tee -a "$TMP/data/postgresql.conf" >/dev/null
# Only the port, the socket directory and the listen address differ from production.
as_pg "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/log" -w -t 30 \
  -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1" start >/dev/null \
  || { cat "$TMP/log" >&2; exit 1; }

admin() { as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$TMP" -p "$PORT" -U postgres -d postgres -tA "$@"; }
for s in password_encryption max_connections shared_buffers wal_level shared_preload_libraries; do
  echo "  $s = $(admin -c "SHOW $s")"
done
[ "$(admin -c 'SHOW password_encryption')" = scram-sha-256 ]
[ "$(admin -c 'SHOW max_connections')" = "$max" ]
admin <<'SQL'
CREATE ROLE vinops LOGIN PASSWORD 'owner-check-pw';
CREATE DATABASE vinops OWNER vinops;
CREATE ROLE vinops_etl LOGIN PASSWORD 'etl-check-pw';
CREATE ROLE vinops_web LOGIN;
CREATE ROLE intruder LOGIN PASSWORD 'intruder-check-pw';
SQL
[ "$(admin -c "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'vinops_etl'")" = 'SCRAM-SHA-256$' ]

login() { # role password -> 0 when it logs in over TCP
  PGPASSWORD=$2 PGCONNECT_TIMEOUT=5 "$BIN/psql" -X -w -h 127.0.0.1 -p "$PORT" -U "$1" -d vinops -tA -c 'SELECT current_user' >/dev/null 2>&1
}
expect() { # want role password
  if login "$2" "$3"; then got=in; else got=refused; fi
  echo "  $2 with ${4:-its password}: $got"
  [ "$got" = "$1" ] || { echo "expected $1" >&2; exit 1; }
}
expect in vinops owner-check-pw
expect in vinops_etl etl-check-pw
expect refused vinops_web '' "no password (none set)"
expect refused vinops_web anything "a password (none set)"
expect refused vinops_etl wrong-pw "a wrong password"
expect refused intruder intruder-check-pw "its password (role not in pg_hba.conf)"
echo "postgres: ok"
