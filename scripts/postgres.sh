#!/usr/bin/env bash
# Start a local PostgreSQL server for readout's tests and benchmarks, installing it from Debian if it is missing.
# It listens on 127.0.0.1 only, port $READOUT_PG_PORT (default 54329), with trust authentication, keeps its data in
# $READOUT_PG_DIR (default /tmp/readout-pg), and has a database "readout". Prints the URL to pass as --db.
# Safe to run again: an installed server is reused, a running one is left running.
set -euo pipefail
PORT=${READOUT_PG_PORT:-54329}
DIR=${READOUT_PG_DIR:-/tmp/readout-pg}
DB=${READOUT_PG_DB:-readout}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN=$(find_bin)
if [ -z "$BIN" ]; then
  . "$(dirname "$0")/debian.sh"
  debian_install postgresql
  BIN=$(find_bin)
fi

# initdb refuses to run as root: run the server as the postgres user when we are root.
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  chmod 700 "$DIR"
  as_pg "$BIN/initdb" -D "$DIR" -A trust -U postgres --encoding UTF8 --locale C >/dev/null
fi
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR" start >/dev/null
fi
if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
