#!/usr/bin/env bash
# Measures Tandem's HTTP throughput and tail latency against a bare Beast server on the same machine,
# prints a table and appends the figures as one JSON line to bench/results/http.jsonl.
# Usage: bench/http/run.sh TANDEM_BINARY HELLO_SERVER_BINARY   (BENCH_SECONDS=10 sets each run's length)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
take_binaries "$@"
RESULTS="$ROOT/bench/results/http.jsonl"
EMAIL=bench@tandem.test
PASSWORD=bench-password-1
declare -A P99

# run_target KEY URL [CURL/WRK OPTIONS...]: checks that URL answers 2xx, warms it up, loads it with wrk
# and stores req/s and p99 (ms) in RPS[KEY] and P99[KEY]. Fails on any error or non-2xx answer.
run_target() {
  local key=$1 url=$2
  shift 2
  expect_2xx "$url" "$@"
  run_wrk "$key" "$url" "$@"
  P99[$key]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$key.txt")")
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
    printf '{%s,' "$(result_header)"
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
  token=$(sign_in "$tandem_url" "$EMAIL" "$PASSWORD")

  describe_load
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
