-- A search for one or two random words of the demo word list; BENCH_SEARCH_PATH is the path up to the
-- words (e.g. "/api/v1/search?q=").
local bench = require("bench")
local path = os.getenv("BENCH_SEARCH_PATH")

function request()
  return wrk.format("GET", path .. bench.random_words(math.random(2), "%20"))
end
