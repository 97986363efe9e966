#!/usr/bin/env bash
# A throwaway PostgreSQL for the submission tests: a fresh cluster in a temp folder, listening on a free port on
# 127.0.0.1 only, trust authentication for its one user. Nothing outside the folder is touched.
#
#   scripts/pg-test.sh start [DIR]   → prints DATABASE_URL=postgres://yoshiki@127.0.0.1:PORT/yoshiki_test and PGTEST_DIR=DIR
#   scripts/pg-test.sh stop DIR      → stops that server and removes DIR
#
# initdb and postgres refuse to run as root; as root the cluster is run by the `postgres` user (created if missing).
set -euo pipefail

command_name="${1:-}"
fail() { echo "pg-test: $*" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u "$PG_OWNER" -- "$@"; else "$@"; fi
}

need() { command -v "$1" >/dev/null 2>&1 || fail "「$1」が見つかりません。PostgreSQL（initdb, pg_ctl）を PATH に入れてください。"; }

PG_OWNER="${PG_OWNER:-postgres}"
if [ "$(id -u)" = "0" ] && ! id "$PG_OWNER" >/dev/null 2>&1; then
  useradd --system --no-create-home "$PG_OWNER" || fail "PostgreSQL を動かすユーザー $PG_OWNER を作成できません。"
fi

case "$command_name" in
  start)
    need initdb; need pg_ctl
    dir="${2:-$(mktemp -d -t yoshiki-pg-XXXXXX)}"
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" = "0" ] && chown "$PG_OWNER" "$dir"
    # A free port: ask the kernel for one, then give it to postgres (a race with another process is possible but rare).
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner initdb --pgdata="$dir/data" --username=yoshiki --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; fail "initdb に失敗しました。"; }
    # fsync off: a test cluster is thrown away, and the tests measure the application's durability, not the disk's.
    as_owner pg_ctl --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; fail "PostgreSQL を起動できません（ログ：$dir/server.log）。"; }
    as_owner createdb --host=127.0.0.1 --port="$port" --username=yoshiki yoshiki_test \
      || fail "テスト用データベースを作成できません。"
    echo "DATABASE_URL=postgres://yoshiki@127.0.0.1:$port/yoshiki_test"
    echo "PGTEST_DIR=$dir"
    ;;
  stop)
    dir="${2:-}"
    [ -n "$dir" ] || fail "使い方：scripts/pg-test.sh stop DIR"
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner pg_ctl --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    fail "使い方：scripts/pg-test.sh start [DIR] | stop DIR"
    ;;
esac
