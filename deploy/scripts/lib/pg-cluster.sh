# shellcheck shell=bash
# Throw-away PostgreSQL clusters of the machine's own binaries, for the scripts that rehearse
# production on this box (topology.sh, backup-drill.sh, deploy/postgres/check.sh). Sourced, not
# run. Every cluster lives in a directory DIR (the data under DIR/data, its log DIR/log, its
# socket in DIR itself) owned by the postgres OS user, who initdb and pg_ctl must run as.
#
# Needs SUDO set ("" as root, "sudo" otherwise).

PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)

as_pg() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# pg_dir DIR: creates DIR for a cluster, owned by postgres.
pg_dir() { mkdir -p "$1"; $SUDO chown postgres: "$1"; }

# pg_port_conf DIR PORT: this cluster's own port and socket (appended: the last one wins).
pg_port_conf() {
  printf "\nport = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\n" "$2" "$1" \
    | as_pg tee -a "$1/data/postgresql.conf" >/dev/null
}

# pg_conf DIR < lines: appends settings to the cluster's postgresql.conf.
pg_conf() { as_pg tee -a "$1/data/postgresql.conf" >/dev/null; }

pg_start() { as_pg "$PG_BIN/pg_ctl" -D "$1/data" -l "$1/log" -w -t 600 start >/dev/null || { tail -20 "$1/log" >&2; return 1; }; }
pg_stop() { as_pg "$PG_BIN/pg_ctl" -D "$1/data" -m "${2:-fast}" stop >/dev/null 2>&1 || true; }

# pg_sql DIR PORT DB SQL: one statement as the postgres superuser over the cluster's socket,
# unaligned output.
pg_sql() { as_pg "$PG_BIN/psql" -X -q -tA -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres -d "$3" -c "$4"; }
