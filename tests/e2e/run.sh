#!/usr/bin/env bash
# Browser end-to-end suite: starts the given tandem binary on a fresh data folder with demo data and runs one
# test file (SUITE.test.mjs, default signin) against it.
# Usage: tests/e2e/run.sh <path-to-tandem-binary> [SUITE]   (web/dist must be built first)
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 <path-to-tandem-binary> [SUITE]" >&2
  exit 2
fi
BIN=$(realpath "$1")
SUITE=${2:-signin}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [[ ! -f "$ROOT/web/dist/index.html" ]]; then
  echo "e2e: $ROOT/web/dist/index.html is missing; build the web app first (cd web && npm ci && npm run build)" >&2
  exit 1
fi

DIR=$(mktemp -d)
LOG=$(mktemp)
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DIR" "$LOG"
}
trap stop_server EXIT

"$BIN" demo --data "$DIR" --items 300 >/dev/null
"$BIN" admin create-user --data "$DIR" --email e2e@tandem.test --name "E2E Admin" --role admin \
  --password 'correct horse battery'

"$BIN" serve --listen 127.0.0.1:0 --data "$DIR" >"$LOG" 2>&1 &
SERVER_PID=$!

URL=""
DEADLINE=$((SECONDS + 30))
while ((SECONDS < DEADLINE)); do
  URL=$(sed -n 's/.*tandem listening on \(http:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$LOG" | head -n 1)
  [[ -n "$URL" ]] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "e2e: the server exited before it was ready:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$URL" ]]; then
  echo "e2e: the server did not report 'tandem listening on …' within 30 s:" >&2
  cat "$LOG" >&2
  exit 1
fi
echo "e2e: server ready at $URL"

STATUS=0
TANDEM_URL="$URL" node --test --test-concurrency=1 "$HERE/$SUITE.test.mjs" || STATUS=$?
if [[ $STATUS -ne 0 ]]; then
  echo "e2e: server log:" >&2
  cat "$LOG" >&2
fi
exit "$STATUS"
