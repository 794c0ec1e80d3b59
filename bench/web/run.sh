#!/usr/bin/env bash
# Measures the agent web app in Chromium against a real server:
# - first_list.mjs: the first render of the ticket list on a cold first visit (a fresh browser profile, empty
#   HTTP cache, no service worker), from navigation start to the first list row, over BENCH_RUNS visits
#   (default 7), without and with a slower network; BENCH_ITEMS demo items (default 300).
# - big_views.mjs: the ticket views with about 10,000 tickets (BENCH_BIG_ITEMS demo items, default 14,300, of
#   which 70% are tickets): loading, scrolling, sorting and switching views.
# Usage: bench/web/run.sh TANDEM_BINARY   (web/dist must be built)
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 TANDEM_BINARY" >&2
  exit 2
fi
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[[ -f "$ROOT/web/dist/index.html" ]] || { echo "bench: build the web app first (cd web && npm run build)" >&2; exit 1; }

WORK=$(mktemp -d)
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# serve NAME ITEMS: seeds a data dir with ITEMS demo items and a bench admin, starts a server on it and sets URL.
serve() {
  local dir="$WORK/$1" log="$WORK/$1.log"
  "$BIN" demo --data "$dir" --items "$2" >/dev/null
  "$BIN" admin create-user --data "$dir" --email bench@tandem.test --name "Bench Admin" --role admin \
    --password 'correct horse battery' >/dev/null
  TANDEM_WEB_ROOT=${TANDEM_WEB_ROOT:-$ROOT/web/dist} "$BIN" serve --listen 127.0.0.1:0 --data "$dir" >"$log" 2>&1 &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 300); do
    URL=$(sed -n 's/.*tandem listening on \(http:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$log" | head -n 1)
    [[ -n "$URL" ]] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  exit 1
}

serve first "${BENCH_ITEMS:-300}"
TANDEM_URL="$URL" node "$HERE/first_list.mjs"
stop_server

serve big "${BENCH_BIG_ITEMS:-14300}"
TANDEM_URL="$URL" node "$HERE/big_views.mjs"
