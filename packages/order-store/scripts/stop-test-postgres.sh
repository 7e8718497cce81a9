#!/usr/bin/env bash
# Stops the cluster started by start-test-postgres.sh and deletes its directory (it is throwaway).
# Honours the same ORDERKIT_TEST_PG_PORT / _DIR / _BIN / _USER settings.
set -euo pipefail

port="${ORDERKIT_TEST_PG_PORT:-54329}"
dir="${ORDERKIT_TEST_PG_DIR:-${TMPDIR:-/tmp}/orderkit-test-postgres-${port}}"
bin="${ORDERKIT_TEST_PG_BIN:-}"
if [[ -z "$bin" ]]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$bin" ]] || bin="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"
fi

if [[ ! -d "$dir" ]]; then
  echo "stop-test-postgres: nothing at $dir" >&2
  exit 0
fi

if [[ "$(id -u)" == 0 ]]; then
  os_user="$(stat -c %U "$dir")"
  as_server() { runuser -u "$os_user" -- "$@"; }
else
  as_server() { "$@"; }
fi

if [[ -d "$dir/data" ]] && as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
fi
rm -rf "$dir"
echo "stop-test-postgres: stopped and removed $dir" >&2
