-- POST /api/v1/items: a small ticket with a random title in a random project.
local bench = require("bench")
local headers = {["Content-Type"] = "application/json"}
for name, value in pairs(wrk.headers) do
  headers[name] = value
end

function request()
  local body = string.format('{"title":"%s","project_id":%d}', bench.random_words(3, " "),
    math.random(bench.projects))
  return wrk.format("POST", "/api/v1/items", headers, body)
end
