#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the order-store tests, listening on 127.0.0.1 only,
# and prints the line to export:
#
#   export "$(packages/order-store/scripts/start-test-postgres.sh)"
#   cd packages/order-store && npx vitest run
#   packages/order-store/scripts/stop-test-postgres.sh
#
# Needs the PostgreSQL server binaries (Debian: apt-get install -y postgresql). Running it again
# while the cluster is up prints the same line. Settings (environment):
#   ORDERKIT_TEST_PG_PORT  port on 127.0.0.1 (default 54329)
#   ORDERKIT_TEST_PG_DIR   cluster directory (default ${TMPDIR:-/tmp}/orderkit-test-postgres-<port>)
#   ORDERKIT_TEST_PG_BIN   directory of initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#   ORDERKIT_TEST_PG_USER  OS user that runs the server when started as root (default postgres)
set -euo pipefail

port="${ORDERKIT_TEST_PG_PORT:-54329}"
dir="${ORDERKIT_TEST_PG_DIR:-${TMPDIR:-/tmp}/orderkit-test-postgres-${port}}"
database=orderkit_test
role=orderkit

bin="${ORDERKIT_TEST_PG_BIN:-}"
if [[ -z "$bin" ]]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$bin" ]] || bin="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
fi
if [[ ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
  echo "start-test-postgres: no initdb/pg_ctl found (looked in ${bin}); install them: apt-get install -y postgresql" >&2
  exit 1
fi

# The server refuses to run as root, so as root everything that touches the cluster runs as an
# unprivileged OS user.
if [[ "$(id -u)" == 0 ]]; then
  os_user="${ORDERKIT_TEST_PG_USER:-postgres}"
  if ! id "$os_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$os_user"
  fi
  as_server() { runuser -u "$os_user" -- "$@"; }
else
  os_user="$(id -un)"
  as_server() { "$@"; }
fi

url_file="$dir/url"
if [[ -f "$url_file" ]] && as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  echo "start-test-postgres: already running in $dir" >&2
  cat "$url_file"
  exit 0
fi

if [[ -d "$dir/data" ]]; then
  # Left over from a cluster that is no longer running: it is throwaway, start afresh.
  rm -rf "$dir"
fi
mkdir -p "$dir"
chmod 700 "$dir"
[[ "$(id -u)" == 0 ]] && chown "$os_user" "$dir"

# A password is set (rather than trust) so the tests exercise authentication and the masking of it.
password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
as_server sh -c "umask 077 && printf '%s\n' '$password' > '$dir/pwfile'"

as_server "$bin/initdb" -D "$dir/data" -U "$role" --pwfile="$dir/pwfile" --auth=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || as_server "$bin/initdb" -D "$dir/data" -U "$role" --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { echo "start-test-postgres: initdb failed, see $dir/initdb.log" >&2; exit 1; }

# Loopback only; the socket lives in the cluster directory so it needs no /run/postgresql.
as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=on" start >&2 \
  || { echo "start-test-postgres: the server did not start, see $dir/server.log" >&2; exit 1; }

psql="$bin/psql"
[[ -x "$psql" ]] || psql="$(command -v psql)"
as_server env PGPASSWORD="$password" "$psql" -X -q -h 127.0.0.1 -p "$port" -U "$role" -d postgres \
  -c "CREATE DATABASE $database" >&2

line="ORDERKIT_TEST_DATABASE_URL=postgres://${role}:${password}@127.0.0.1:${port}/${database}"
as_server sh -c "umask 077 && printf '%s\n' '$line' > '$url_file'"
echo "start-test-postgres: running in $dir (stop with $(dirname "$0")/stop-test-postgres.sh)" >&2
echo "$line"
