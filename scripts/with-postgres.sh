#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster on 127.0.0.1.
#   scripts/with-postgres.sh make test
# The cluster lives under /tmp, is started for the command and removed after it.
set -euo pipefail

PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
        echo "PostgreSQL server not found: installing Debian's postgresql..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    else
        echo "PostgreSQL server binaries (initdb) not found; install postgresql." >&2
        exit 1
    fi
fi

PGPORT="${PGPORT:-54329}"
PGDATA="$(mktemp -d /tmp/clinic-pg.XXXXXX)"
# initdb refuses to run as root: run the server as the postgres user when we are root.
if [ "$(id -u)" = "0" ]; then
    chown postgres "$PGDATA"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$PGDATA" -U clinic --auth=trust -E UTF8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k $PGDATA -F -c fsync=off -c full_page_writes=off" start >/dev/null
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U clinic clinic

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT"
export DATABASE_URL="postgres://clinic@127.0.0.1:$PGPORT/clinic"
"$@"
