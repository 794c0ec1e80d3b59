#!/usr/bin/env bash
# Counts the instructions the server runs for one GET /api/v1/items/{id}, under valgrind's callgrind: a
# figure that, unlike requests per second, does not move with the machine's load, so it can tell two
# builds apart where wrk's noise cannot. Seeds BENCH_ITEMS demo items (default 50,000) in a temp dir, warms
# the server up, then counts every thread's instructions over REQUESTS gets of random items (default 1,000)
# on one keep-alive connection. Prints instructions per request and appends them to
# bench/results/instructions.jsonl.
# Usage: bench/items/instructions.sh TANDEM_BINARY [REQUESTS]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
[ $# -ge 1 ] || {
  echo "usage: $0 TANDEM_BINARY [REQUESTS]" >&2
  exit 2
}
TANDEM=$(realpath "$1")
REQUESTS=${2:-1000}
BENCH_ITEMS=${BENCH_ITEMS:-50000}
RESULTS="$ROOT/bench/results/instructions.jsonl"
[[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || die "REQUESTS must be a positive number, not $REQUESTS"
[[ $BENCH_ITEMS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ITEMS must be a positive number, not $BENCH_ITEMS"
command -v valgrind >/dev/null || die "valgrind is not installed (apt-get install valgrind)"

# get_items TOKEN COUNT: GETs COUNT items with random ids (the same ids on every run) through one
# connection; fails on any answer but 200.
get_items() {
  python3 - "$SERVER_URL" "$1" "$2" "$BENCH_ITEMS" <<'EOF'
import http.client, random, sys, urllib.parse
url, token, count, items = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
parts = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(parts.hostname, parts.port)
ids = random.Random(7)
for _ in range(count):
    connection.request("GET", "/api/v1/items/%d" % ids.randint(1, items), headers={"Authorization": "Bearer " + token})
    answer = connection.getresponse()
    answer.read()
    if answer.status != 200:
        sys.exit("GET answered %d" % answer.status)
EOF
}

main() {
  echo "seeding $BENCH_ITEMS items…" >&2
  "$TANDEM" demo --items "$BENCH_ITEMS" --data "$WORK/data" >"$WORK/demo.log" 2>&1 ||
    { cat "$WORK/demo.log" >&2; die "tandem demo failed"; }
  TANDEM_ACCESS_LOG=false start_server tandem valgrind --tool=callgrind --instr-atstart=no \
    --callgrind-out-file="$WORK/callgrind.out" "$TANDEM" serve --listen 127.0.0.1:0 --data "$WORK/data"
  local token instructions per_request
  token=$(sign_in "$SERVER_URL" admin@example.com tandem-demo)
  get_items "$token" 200 || die "the warm-up gets failed"
  callgrind_control --instr=on "$SERVER_PID" >/dev/null 2>&1 || die "callgrind_control failed"
  get_items "$token" "$REQUESTS" || die "the counted gets failed"
  callgrind_control --instr=off "$SERVER_PID" >/dev/null 2>&1 || die "callgrind_control failed"
  kill "$SERVER_PID"
  wait "$SERVER_PID" || true
  instructions=$(grep -oE 'Collected : [0-9]+' "$WORK/tandem.err" | awk '{ n += $3 } END { print n + 0 }')
  [ "$instructions" -gt 0 ] || die "callgrind counted no instructions"
  per_request=$(awk -v n="$instructions" -v r="$REQUESTS" 'BEGIN { printf "%.0f", n / r }')
  echo "GET /api/v1/items/{id}: $per_request instructions per request"
  mkdir -p "$(dirname "$RESULTS")"
  printf '{%s,"items":%d,"requests":%d,"instructions_per_get_item":%d}\n' "$(result_stamp)" "$BENCH_ITEMS" \
    "$REQUESTS" "$per_request" >>"$RESULTS"
}

main
