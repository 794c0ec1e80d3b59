-- A filtered list page of a random project: the items in progress, latest change first. BENCH_QUERY adds
-- more filters (e.g. "&assignee=me").
local bench = require("bench")
local extra = os.getenv("BENCH_QUERY") or ""

function request()
  return wrk.format("GET", "/api/v1/items?project_id=" .. math.random(bench.projects) ..
    "&state=in_progress&sort=-updated_at&limit=50" .. extra)
end
