#!/usr/bin/env bash
# Measures the first render of the ticket list on a cold first visit: a fresh browser profile (empty HTTP
# cache, no service worker) opens /tickets signed in, and the time from navigation start to the first list
# row in the page is taken, over BENCH_RUNS visits (default 7), without and with a slower network.
# Usage: bench/web/run.sh TANDEM_BINARY   (web/dist must be built; BENCH_ITEMS demo items, default 300)
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 TANDEM_BINARY" >&2
  exit 2
fi
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[[ -f "$ROOT/web/dist/index.html" ]] || { echo "bench: build the web app first (cd web && npm run build)" >&2; exit 1; }

DIR=$(mktemp -d)
LOG=$(mktemp)
SERVER_PID=""
stop_server() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$DIR" "$LOG"
}
trap stop_server EXIT

"$BIN" demo --data "$DIR" --items "${BENCH_ITEMS:-300}" >/dev/null
"$BIN" admin create-user --data "$DIR" --email bench@tandem.test --name "Bench Admin" --role admin \
  --password 'correct horse battery' >/dev/null
TANDEM_WEB_ROOT=${TANDEM_WEB_ROOT:-$ROOT/web/dist} "$BIN" serve --listen 127.0.0.1:0 --data "$DIR" >"$LOG" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 300); do
  URL=$(sed -n 's/.*tandem listening on \(http:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$LOG" | head -n 1)
  [[ -n "$URL" ]] && break
  sleep 0.1
done
[[ -n "$URL" ]] || { cat "$LOG" >&2; exit 1; }
TANDEM_URL="$URL" node "$HERE/first_list.mjs"
