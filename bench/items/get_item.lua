-- GET /api/v1/items/{id} for a random id of the seeded items.
local bench = require("bench")

function request()
  return wrk.format("GET", "/api/v1/items/" .. math.random(bench.items))
end
