#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/time_io.h"

namespace tandem::api {

namespace {

Result<net::Response> get_settings(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto settings, app.services().time_settings.get(context.actor()));
  return json_response(200, service::time_settings_json(settings));
}

Result<net::Response> put_settings(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto settings, app.services().time_settings.put(context.actor(), body));
  return json_response(200, service::time_settings_json(settings));
}

Result<net::Response> list_rates(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto rates, app.services().rates.list(context.actor()));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& rate : rates) data.push_back(rate_json(rate));
  return page_response(std::move(data), "");
}

Result<net::Response> put_rate(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto rate, app.services().rates.put(context.actor(), body));
  return json_response(200, rate_json(rate));
}

// Deletes the rate whose keys are the query's user_id, project_id and organization_id (absent = any).
Result<net::Response> delete_rate(ApiApp& app, RequestContext& context) {
  nlohmann::json keys = nlohmann::json::object();
  for (const std::string_view key : {"user_id", "project_id", "organization_id"}) {
    TANDEM_ASSIGN(const auto id, optional_id_query(context.request, key, "an id"));
    if (id) keys[std::string(key)] = *id;
  }
  TANDEM_TRY(app.services().rates.remove(context.actor(), keys));
  return net::Response::empty(204);
}

}  // namespace

void register_time_settings_routes(ApiApp& app) {
  app.add("GET", "/api/v1/settings/time", Access::signed_in,
          [&app](RequestContext& c) { return get_settings(app, c); });
  app.add("PUT", "/api/v1/settings/time", Access::signed_in,
          [&app](RequestContext& c) { return put_settings(app, c); });
  app.add("GET", "/api/v1/rates", Access::signed_in,
          [&app](RequestContext& c) { return list_rates(app, c); });
  app.add("PUT", "/api/v1/rates", Access::signed_in, [&app](RequestContext& c) { return put_rate(app, c); });
  app.add("DELETE", "/api/v1/rates", Access::signed_in,
          [&app](RequestContext& c) { return delete_rate(app, c); });
}

}  // namespace tandem::api
