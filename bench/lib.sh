# shellcheck shell=bash disable=SC2034  # the settings and RPS are read by the sourcing scripts
# Shell helpers shared by the benchmark scripts; source it after `set -euo pipefail`.
# Sourcing it sets ROOT (the checkout), creates the temp dir $WORK and installs a trap that stops the servers started with
# start_server and removes $WORK when the script exits.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_SECONDS=${BENCH_SECONDS:-10}
WARMUP_SECONDS=2
WRK_THREADS=2
WRK_CONNECTIONS=64
WORK=$(mktemp -d)
PIDS=()
# Requests per second of each target run_wrk loaded, by key.
declare -A RPS

# Stops every server this script started and removes the temp dir; keeps the script's exit status.
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

# take_binaries ARGS...: takes the script's arguments, TANDEM_BINARY HELLO_SERVER_BINARY, into TANDEM and
# HELLO; exits with a usage message unless there are two.
take_binaries() {
  if [ $# -ne 2 ]; then
    echo "usage: $0 TANDEM_BINARY HELLO_SERVER_BINARY" >&2
    exit 2
  fi
  TANDEM=$(realpath "$1")
  HELLO=$(realpath "$2")
}

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
  for _ in $(seq 300); do
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
  status_mb "$1" VmRSS
}

# Prints the part of process PID's resident set that is its own memory (not file pages it maps) in MB.
private_rss_mb() {
  status_mb "$1" RssAnon
}

# status_mb PID FIELD: prints FIELD (a size in kB) of /proc/PID/status in MB.
status_mb() {
  awk -v field="$2:" '$1 == field { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Reads a JSON object on stdin and prints its top-level FIELD.
json_field() {
  python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# sign_in BASE_URL EMAIL PASSWORD: creates an API token for that user through a browser session and
# prints it.
sign_in() {
  local base=$1 email=$2 password=$3 jar="$WORK/cookies-$2" login csrf created
  login=$(curl -sS --fail-with-body -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login") ||
    die "sign-in as $email failed: $login"
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

# expect_2xx URL [CURL OPTIONS...]: fails unless URL answers with a 2xx status.
expect_2xx() {
  local url=$1 status
  shift
  status=$(curl -sS -o /dev/null -w '%{http_code}' "$@" "$url") || die "$url is unreachable"
  [[ $status == 2?? ]] || die "$url answered $status, not 2xx"
}

# Tells on stderr how run_wrk loads each target.
describe_load() {
  echo "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${BENCH_SECONDS}s on $(nproc) cores, ${WARMUP_SECONDS}s warm-up each" >&2
}

# run_wrk KEY URL [WRK OPTIONS...]: warms URL up, loads it with wrk (its output goes to $WORK/wrk-KEY.txt)
# and stores req/s in RPS[KEY]. Fails on any socket error or non-2xx answer under load.
run_wrk() {
  local key=$1 url=$2 out="$WORK/wrk-$1.txt" errors
  shift 2
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WARMUP_SECONDS}s" "$@" "$url" >/dev/null
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${BENCH_SECONDS}s" --latency "$@" "$url" >"$out"

  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
    /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
  if [ "$errors" -ne 0 ] || ! grep -q '^Requests/sec:' "$out"; then
    cat "$out" >&2
    die "$key, $url: $errors non-2xx responses or socket errors under load"
  fi
  RPS[$key]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
}

# Prints the JSON members that date a result line (no braces): its time and the commit measured.
result_stamp() {
  printf '"timestamp":"%s","commit":"%s"' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)"
}

# Prints the JSON members every wrk result line starts with (no braces): time, commit and the load settings.
result_header() {
  printf '%s,"cores":%d,"seconds":%d,"threads":%d,"connections":%d' "$(result_stamp)" \
    "$(nproc)" "$BENCH_SECONDS" "$WRK_THREADS" "$WRK_CONNECTIONS"
}
