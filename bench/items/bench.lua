-- What every item benchmark script shares, loaded with require("bench") (run.sh puts this folder on
-- LUA_PATH): seeds math.random per wrk thread, sends BENCH_TOKEN as a bearer token when it is set, and
-- prints the latency percentiles in done(). Used directly as a wrk script it loads the plain URL.
local bench = {}

-- The demo word list run.sh reads out of src/app/demo_items.cpp.
bench.words = {}
for word in (os.getenv("BENCH_WORDS") or ""):gmatch("%S+") do
  bench.words[#bench.words + 1] = word
end
-- How many items the seeded data holds: their ids run from 1 to this.
bench.items = tonumber(os.getenv("BENCH_ITEMS") or "1")
bench.projects = 50

local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- Returns COUNT random words of the demo list joined by SEPARATOR.
function bench.random_words(count, separator)
  local picked = {}
  for i = 1, count do
    picked[i] = bench.words[math.random(#bench.words)]
  end
  return table.concat(picked, separator)
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

function done(summary, latency, requests)
  io.write(string.format("percentiles_ms %.3f %.3f %.3f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end

return bench
