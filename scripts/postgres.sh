#!/usr/bin/env bash
# A PostgreSQL for the tests, on loopback, from Debian's packages.
#   scripts/postgres.sh start        start the newest cluster (create it if needed) and the keydesk role
#   scripts/postgres.sh dsn NAME     (re)create database NAME and print its DSN
#   scripts/postgres.sh stop
set -euo pipefail
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
case "${1:-}" in
  start)
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
      pg_createcluster "$version" main >/dev/null
    fi
    pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
    for _ in $(seq 1 30); do as_postgres pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
    as_postgres psql -q -c "DO \$\$ BEGIN CREATE ROLE keydesk LOGIN PASSWORD 'keydesk' CREATEDB; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;" >/dev/null
    ;;
  dsn)
    db=${2:?database name}
    as_postgres dropdb --if-exists "$db"
    as_postgres createdb -O keydesk "$db"
    echo "postgres://keydesk:keydesk@127.0.0.1:5432/$db?sslmode=disable"
    ;;
  stop) pg_ctlcluster "$version" main stop ;;
  *) echo "usage: $0 start|dsn NAME|stop" >&2; exit 2 ;;
esac
