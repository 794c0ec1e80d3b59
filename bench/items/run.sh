#!/usr/bin/env bash
# Measures the work-items API on a data dir of BENCH_ITEMS generated items (default 1,000,000): reading an
# item against a bare Beast server, creating items, filtered list pages and search, with the server's RSS.
# Prints a table and appends the figures as one JSON line to bench/results/items.jsonl.
# The seeded data dir is kept in bench/data/items-$BENCH_ITEMS and copied for each run; it is seeded again
# when migrating it does not give this build's schema.
# Usage: bench/items/run.sh TANDEM_BINARY HELLO_SERVER_BINARY   (BENCH_SECONDS=10 sets each run's length)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
take_binaries "$@"
BENCH_ITEMS=${BENCH_ITEMS:-1000000}
LATENCY_CONNECTIONS=${LATENCY_CONNECTIONS:-4}  # connections for the list and search latency targets
HERE="$ROOT/bench/items"
RESULTS="$ROOT/bench/results/items.jsonl"
SEED="$ROOT/bench/data/items-$BENCH_ITEMS"
DEMO_PASSWORD=tandem-demo
declare -A P50 P95 P99

[[ $BENCH_ITEMS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ITEMS must be a positive number, not $BENCH_ITEMS"
export LUA_PATH="$HERE/?.lua;;" BENCH_ITEMS
# The words the demo's titles, descriptions and messages are made of.
BENCH_WORDS=$(sed -n '/kWords = {/,/};/p' "$ROOT/src/app/demo_items.cpp" | grep -oE '"[a-z]+"' | tr -d '"' |
  tr '\n' ' ')
export BENCH_WORDS
[ -n "$BENCH_WORDS" ] || die "no word list found in src/app/demo_items.cpp"

# Prints the schema (every table, index and trigger) of the database in data dir DIR.
schema_of() {
  python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"): print(row)' "$1/tandem.db"
}

# Makes sure $SEED holds BENCH_ITEMS demo items under this build's schema, seeding it when not.
ensure_seed() {
  "$TANDEM" migrate --data "$WORK/fresh" >"$WORK/migrate.log" 2>&1 ||
    { cat "$WORK/migrate.log" >&2; die "tandem migrate failed"; }
  if [ -f "$SEED/tandem.db" ]; then
    # A seed from an older build is brought up to date the way users' databases are: by migrating it.
    "$TANDEM" migrate --data "$SEED" >"$WORK/migrate-seed.log" 2>&1 || cat "$WORK/migrate-seed.log" >&2
    [ "$(schema_of "$SEED")" == "$(schema_of "$WORK/fresh")" ] && return 0
    echo "${SEED#"$ROOT"/} does not migrate to this build's schema" >&2
  fi
  echo "seeding $BENCH_ITEMS items into ${SEED#"$ROOT"/} (1,000,000 take about 5 minutes on a quiet machine)…" >&2
  rm -rf "$SEED" "$SEED.partial"
  mkdir -p "$SEED.partial"
  "$TANDEM" demo --items "$BENCH_ITEMS" --data "$SEED.partial" >"$WORK/demo.log" 2>&1 ||
    { cat "$WORK/demo.log" >&2; die "tandem demo failed"; }
  mv "$SEED.partial" "$SEED"
}

# run_script KEY TOKEN SCRIPT URL: loads URL with bench/items/SCRIPT.lua sending TOKEN, and stores req/s
# and the p50/p95/p99 latencies (ms) the script prints in RPS, P50, P95 and P99[KEY]. Slow answers count
# in the latencies: only one slower than 30 s counts as an error.
run_script() {
  local key=$1 percentiles
  BENCH_TOKEN=$2 run_wrk "$key" "$4" -s "$HERE/$3.lua" --timeout 30s
  percentiles=$(awk '$1 == "percentiles_ms" { print $2, $3, $4 }' "$WORK/wrk-$key.txt")
  [ -n "$percentiles" ] || die "$3.lua printed no percentiles"
  read -r "P50[$key]" "P95[$key]" "P99[$key]" <<<"$percentiles"
}

# print_row LABEL KEY [GOAL CHECK]: prints one table row; CHECK, an awk condition on rps, bare (the mean
# of the two bare runs) and p95, tells whether GOAL was met.
print_row() {
  local met=""
  if [ $# -eq 4 ]; then
    met=$(awk -v rps="${RPS[$2]}" -v bare="${RPS[bare]}" -v p95="${P95[$2]}" \
      "BEGIN { print (($4) ? \"met\" : \"MISSED\") }")
  fi
  awk -v label="$1" -v rps="${RPS[$2]}" -v bare="${RPS[bare]}" -v p50="${P50[$2]}" -v p95="${P95[$2]}" \
    -v p99="${P99[$2]}" -v goal="${3:-}" -v met="$met" 'BEGIN {
      printf "%-34s %9.1f %8.2fms %8.2fms %8.2fms %6.0f%%  %s %s\n",
        label, rps, p50, p95, p99, 100 * rps / bare, goal, met }'
}

# append_result LOAD SEARCH_PATH IDLE_RSS IDLE_PRIVATE_RSS LOADED_RSS LOADED_PRIVATE_RSS: appends this run's
# figures as one JSON line to $RESULTS.
append_result() {
  local key sep=""
  mkdir -p "$(dirname "$RESULTS")"
  {
    printf '{%s,"items":%d,"load_average":"%s","search_path":"%s","latency_connections":%d,"targets":{' \
      "$(result_header)" "$BENCH_ITEMS" "$1" "$2" "$LATENCY_CONNECTIONS"
    for key in hello_before hello_after get_item create_item get_while_creating list list_mine search; do
      printf '%s"%s":{"rps":%s,"p50_ms":%s,"p95_ms":%s,"p99_ms":%s}' "$sep" "$key" "${RPS[$key]}" \
        "${P50[$key]}" "${P95[$key]}" "${P99[$key]}"
      sep=,
    done
    printf '},"bare_rps":%s,"tandem_idle_rss_mb":%s,"tandem_idle_private_rss_mb":%s,"tandem_loaded_rss_mb":%s,' \
      "${RPS[bare]}" "$3" "$4" "$5"
    printf '"tandem_loaded_private_rss_mb":%s}\n' "$6"
  } >>"$RESULTS"
}

main() {
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "load average before the run: $load on $(nproc) cores" >&2
  ensure_seed
  cp -r "$SEED" "$WORK/data"
  sync  # else the kernel writes the 2 GB copy back to disk during the first runs

  start_server hello "$HELLO" 127.0.0.1 0
  local hello_url=$SERVER_URL
  TANDEM_ACCESS_LOG=false start_server tandem "$TANDEM" serve --listen 127.0.0.1:0 --data "$WORK/data"
  local url=$SERVER_URL tandem_pid=$SERVER_PID

  sleep 2
  local idle_rss idle_private_rss admin agent search_path
  idle_rss=$(rss_mb "$tandem_pid")
  idle_private_rss=$(private_rss_mb "$tandem_pid")
  admin=$(sign_in "$url" admin@example.com "$DEMO_PASSWORD")
  agent=$(sign_in "$url" agent@example.com "$DEMO_PASSWORD")
  local auth=(-H "Authorization: Bearer $admin")
  if [ "$(curl -sS -o /dev/null -w '%{http_code}' "${auth[@]}" "$url/api/v1/search?q=printer")" == 200 ]; then
    search_path="/api/v1/search?q="
  else
    search_path="/api/v1/items?limit=50&q="
  fi
  echo "search uses GET $search_path<words>" >&2
  expect_2xx "$url/api/v1/items/$BENCH_ITEMS" "${auth[@]}"
  expect_2xx "$url/api/v1/items?project_id=1&state=in_progress&sort=-updated_at&limit=50&assignee=me" \
    -H "Authorization: Bearer $agent"
  expect_2xx "$url${search_path}printer%20invoice" "${auth[@]}"
  expect_2xx "$url/api/v1/items" "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":"Bench check"}'

  describe_load
  echo "the list and search latency targets use $LATENCY_CONNECTIONS connections" >&2
  # The bare reference brackets the GET run: a virtual machine's speed can drift over minutes, so GET is
  # compared with the mean of a bare run just before it and one just after it.
  run_script hello_before "" bench "$hello_url/"
  run_script get_item "$admin" get_item "$url"
  run_script hello_after "" bench "$hello_url/"
  RPS[bare]=$(awk -v a="${RPS[hello_before]}" -v b="${RPS[hello_after]}" 'BEGIN { printf "%.2f", (a + b) / 2 }')
  # The latency targets are what a person waiting for a page sees while a few others work at the same time:
  # with 64 connections on a 2-core machine, p95 would measure the queue, not the request.
  WRK_CONNECTIONS=$LATENCY_CONNECTIONS run_script list "$admin" list_items "$url"
  WRK_CONNECTIONS=$LATENCY_CONNECTIONS BENCH_QUERY="&assignee=me" run_script list_mine "$agent" list_items "$url"
  WRK_CONNECTIONS=$LATENCY_CONNECTIONS BENCH_SEARCH_PATH=$search_path run_script search "$admin" search "$url"
  run_script create_item "$admin" create_item "$url"
  # Reading while others write: every commit starts the readers' next transactions on a changed database.
  BENCH_TOKEN=$admin wrk -t1 -c8 -d"$((WARMUP_SECONDS + BENCH_SECONDS + 1))s" -s "$HERE/create_item.lua" \
    "$url" >"$WORK/wrk-creating.txt" &
  local creating=$!
  WRK_THREADS=1 WRK_CONNECTIONS=56 run_script get_while_creating "$admin" get_item "$url"
  wait "$creating"
  local loaded_rss loaded_private_rss
  loaded_rss=$(rss_mb "$tandem_pid")
  loaded_private_rss=$(private_rss_mb "$tandem_pid")

  echo "$BENCH_ITEMS items"
  printf '%-34s %9s %10s %10s %10s %7s  %s\n' target req/s p50 p95 p99 "vs bare" goal
  print_row "bare beast hello, before GET" hello_before
  print_row "bare beast hello, after GET" hello_after
  print_row "GET /api/v1/items/{id}" get_item ">= 50% of bare (mean)" "rps >= bare / 2"
  print_row "POST /api/v1/items" create_item ">= 10000 req/s" "rps >= 10000"
  print_row "GET while creating (c56 + c8)" get_while_creating
  print_row "list project+state (admin, c$LATENCY_CONNECTIONS)" list "p95 < 20ms" "p95 < 20"
  print_row "list +assignee=me (c$LATENCY_CONNECTIONS)" list_mine "p95 < 20ms" "p95 < 20"
  print_row "search ${search_path%%\?*} (c$LATENCY_CONNECTIONS)" search "p95 < 50ms" "p95 < 50"
  echo "tandem idle RSS: $idle_rss MB, $idle_private_rss MB of it its own memory"
  echo "tandem RSS after the runs: $loaded_rss MB, $loaded_private_rss MB of it its own memory (the rest is" \
    "the database's pages in the page cache, which the server maps)"
  append_result "$load" "$search_path" "$idle_rss" "$idle_private_rss" "$loaded_rss" "$loaded_private_rss"
  echo "appended to ${RESULTS#"$ROOT"/}"
}

main
