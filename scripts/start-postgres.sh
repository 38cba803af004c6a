#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 cluster (Debian's pg_ctlcluster, run as root) if it is not
# running, gives the postgres role a known password for loopback TCP, and prints a DATABASE_URL.
# Used by .ci/run and the benchmark; developers with their own server just set DATABASE_URL.
set -euo pipefail

version="${PG_VERSION:-15}"
cluster="${PG_CLUSTER:-main}"
password="${PG_PASSWORD:-postgres}"
port="$(pg_conftool "$version" "$cluster" show port 2>/dev/null | awk -F' = ' '{print $2}' || true)"
port="${port:-5432}"

if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port"

su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password'\"" >&2
echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
