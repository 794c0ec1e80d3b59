#!/usr/bin/env bash
# Measures Tandem's HTTP throughput and tail latency against a bare Beast server on the same machine,
# prints a table and appends the figures as one JSON line to bench/results/http.jsonl.
# Usage: bench/http/run.sh TANDEM_BINARY HELLO_SERVER_BINARY   (BENCH_SECONDS=10 sets each run's length)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 TANDEM_BINARY HELLO_SERVER_BINARY" >&2
  exit 2
fi
TANDEM=$(realpath "$1")
HELLO=$(realpath "$2")
BENCH_SECONDS=${BENCH_SECONDS:-10}
WARMUP_SECONDS=2
WRK_THREADS=2
WRK_CONNECTIONS=64
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RESULTS="$ROOT/bench/results/http.jsonl"
EMAIL=bench@tandem.test
PASSWORD=bench-password-1

WORK=$(mktemp -d)
PIDS=()
declare -A RPS P99

# Stops every server this script started and removes the temp dir; keeps the script's exit status.
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

# Prints MESSAGE as a failure on stderr and exits non-zero.
die() {
  echo >&2
  echo "BENCHMARK FAILED: $*" >&2
  exit 1
}

# start_server NAME COMMAND...: runs COMMAND in the background, waits for its "listening on URL" line and
# sets SERVER_URL and SERVER_PID. Its stdout and stderr go to $WORK/NAME.out and $WORK/NAME.err.
start_server() {
  local name=$1
  shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  for _ in $(seq 150); do
    SERVER_URL=$(grep -oE 'listening on http://[^ ]+' "$WORK/$name.out" | head -n1 | cut -d' ' -f3 || true)
    [ -n "$SERVER_URL" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WORK/$name.out" "$WORK/$name.err" >&2
  die "$name did not start listening"
}

# Prints the resident set size of process PID in MB.
rss_mb() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Reads a JSON object on stdin and prints its top-level FIELD.
json_field() {
  python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# sign_in BASE_URL: creates an API token through a browser session and prints it.
sign_in() {
  local base=$1 jar="$WORK/cookies" login csrf created
  login=$(curl -sS --fail-with-body -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$base/api/v1/auth/login") ||
    die "sign-in failed: $login"
  csrf=$(json_field csrf_token <<<"$login") || die "no csrf_token in the sign-in answer: $login"
  created=$(curl -sS --fail-with-body -b "$jar" -c "$jar" -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $csrf" -d '{"name":"bench"}' "$base/api/v1/me/tokens") ||
    die "creating an API token failed: $created"
  json_field token <<<"$created" || die "no token in the answer: $created"
}

# Converts a wrk latency such as 950.00us, 2.10ms or 1.02s to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.3f", v / 1000; else if (v ~ /ms$/) printf "%.3f", v + 0;
    else if (v ~ /m$/) printf "%.3f", v * 60000; else printf "%.3f", v * 1000 }'
}

# run_target KEY URL [CURL/WRK OPTIONS...]: checks that URL answers 2xx, warms it up, loads it with wrk
# and stores req/s and p99 (ms) in RPS[KEY] and P99[KEY]. Fails on any error or non-2xx answer.
run_target() {
  local key=$1 url=$2 out="$WORK/wrk-$1.txt" status errors
  shift 2
  status=$(curl -sS -o /dev/null -w '%{http_code}' "$@" "$url") || die "$url is unreachable"
  [[ $status == 2?? ]] || die "$url answered $status, not 2xx"

  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WARMUP_SECONDS}s" "$@" "$url" >/dev/null
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${BENCH_SECONDS}s" --latency "$@" "$url" >"$out"

  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
    /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  if [ "$errors" -ne 0 ] || ! grep -q '^Requests/sec:' "$out"; then
    cat "$out" >&2
    die "$url: $errors non-2xx responses or socket errors under load"
  fi
  RPS[$key]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  P99[$key]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
}

# print_row LABEL KEY: prints one table row, throughput relative to the bare server.
print_row() {
  awk -v label="$1" -v rps="${RPS[$2]}" -v p99="${P99[$2]}" -v bare="${RPS[hello]}" \
    'BEGIN { printf "%-18s %10.1f %8.2fms %7.0f%%\n", label, rps, p99, 100 * rps / bare }'
}

# append_result IDLE_RSS LOADED_RSS: appends this run's figures as one JSON line to $RESULTS.
append_result() {
  mkdir -p "$(dirname "$RESULTS")"
  {
    printf '{"timestamp":"%s","commit":"%s","cores":%d,"seconds":%d,"threads":%d,"connections":%d,' \
      "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)" \
      "$(nproc)" "$BENCH_SECONDS" "$WRK_THREADS" "$WRK_CONNECTIONS"
    printf '"hello":{"rps":%s,"p99_ms":%s},"healthz":{"rps":%s,"p99_ms":%s},"me":{"rps":%s,"p99_ms":%s},' \
      "${RPS[hello]}" "${P99[hello]}" "${RPS[healthz]}" "${P99[healthz]}" "${RPS[me]}" "${P99[me]}"
    printf '"tandem_idle_rss_mb":%s,"tandem_loaded_rss_mb":%s}\n' "$1" "$2"
  } >>"$RESULTS"
}

main() {
  start_server hello "$HELLO" 127.0.0.1 0
  local hello_url=$SERVER_URL

  local data="$WORK/data"
  mkdir -p "$data"
  "$TANDEM" admin create-user --data "$data" --email "$EMAIL" --name Bench --role admin \
    --password "$PASSWORD" >"$WORK/admin.log" 2>&1 || { cat "$WORK/admin.log" >&2; die "admin create-user failed"; }
  start_server tandem "$TANDEM" serve --listen 127.0.0.1:0 --data "$data"
  local tandem_url=$SERVER_URL tandem_pid=$SERVER_PID

  sleep 2
  local idle_rss token
  idle_rss=$(rss_mb "$tandem_pid")
  token=$(sign_in "$tandem_url")

  echo "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${BENCH_SECONDS}s on $(nproc) cores, ${WARMUP_SECONDS}s warm-up each" >&2
  run_target hello "$hello_url/"
  run_target healthz "$tandem_url/healthz"
  run_target me "$tandem_url/api/v1/me" -H "Authorization: Bearer $token"
  local loaded_rss
  loaded_rss=$(rss_mb "$tandem_pid")

  printf '%-18s %10s %10s %8s\n' target req/s p99 "vs bare"
  print_row "bare beast hello" hello
  print_row "GET /healthz" healthz
  print_row "GET /api/v1/me" me
  echo "tandem idle RSS: $idle_rss MB"
  echo "tandem RSS after load: $loaded_rss MB"
  append_result "$idle_rss" "$loaded_rss"
  echo "appended to ${RESULTS#"$ROOT"/}"
}

main
