#include <charconv>

#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "core/clock.h"

namespace tandem::api {

namespace {

nlohmann::json search_result_json(const service::SearchResult& result) {
  const store::SearchItemRow& item = result.item;
  return {{"item",
           {{"id", item.id},
            {"number", item.number},
            {"type", item.type_key},
            {"title", item.title},
            {"status_id", item.status_id},
            {"state", item.state},
            {"priority", item.priority},
            {"project_id", item.project_id ? nlohmann::json(*item.project_id) : nlohmann::json()},
            {"updated_at", format_iso8601(item.updated_at)}}},
          {"matched_in", result.matched_in},
          {"message_id", result.message_id ? nlohmann::json(*result.message_id) : nlohmann::json()},
          {"snippet", result.snippet}};
}

Result<net::Response> search(ApiApp& app, RequestContext& context) {
  const net::Request& request = context.request;
  service::SearchRequest input;
  input.q = request.query_param("q");
  input.cursor = request.query_param("cursor");
  if (std::string sort = request.query_param("sort"); !sort.empty()) input.sort = std::move(sort);
  const std::string limit = request.query_param("limit");
  std::from_chars(limit.data(), limit.data() + limit.size(), input.limit);
  TANDEM_ASSIGN(const auto page, app.services().search.search(context.actor(), input));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& result : page.results) data.push_back(search_result_json(result));
  return page_response(std::move(data), page.next_cursor);
}

}  // namespace

void register_search_routes(ApiApp& app) {
  app.add("GET", "/api/v1/search", Access::signed_in, [&app](RequestContext& c) { return search(app, c); });
}

}  // namespace tandem::api
