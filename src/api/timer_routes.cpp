#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/time_io.h"

namespace tandem::api {

namespace {

Result<nlohmann::json> optional_body(const net::Request& request) {
  if (request.body.empty()) return nlohmann::json::object();
  return parse_json_object(request);
}

Result<net::Response> list_timers(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto timers, app.services().timers.list(context.actor()));
  const TimestampMs now = app.services().clock.now_ms();
  nlohmann::json data = nlohmann::json::array();
  for (const auto& timer : timers) data.push_back(timer_json(timer, now));
  return page_response(std::move(data), "");
}

Result<net::Response> start_timer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto item_id, optional_id(body, "item_id"));
  if (!item_id)
    return Error::make(ErrorCode::validation_failed, "item_id is required").with("field", "item_id");
  TANDEM_ASSIGN(const auto timer, app.services().timers.start(context.actor(), *item_id));
  return json_response(201, timer_json(timer, app.services().clock.now_ms()));
}

// Pauses (`running` false) or resumes timer {id}.
Result<net::Response> switch_timer(ApiApp& app, RequestContext& context, bool running) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  auto& timers = app.services().timers;
  TANDEM_ASSIGN(const auto timer,
                running ? timers.resume(context.actor(), id) : timers.pause(context.actor(), id));
  return json_response(200, timer_json(timer, app.services().clock.now_ms()));
}

Result<net::Response> stop_timer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto body, optional_body(context.request));
  TANDEM_ASSIGN(const auto timesheet, app.services().timers.stop(context.actor(), id, body));
  return json_response(201, timesheet_json(timesheet));
}

}  // namespace

void register_timer_routes(ApiApp& app) {
  app.add("GET", "/api/v1/timers", Access::signed_in,
          [&app](RequestContext& c) { return list_timers(app, c); });
  app.add("POST", "/api/v1/timers", Access::signed_in,
          [&app](RequestContext& c) { return start_timer(app, c); });
  app.add("POST", "/api/v1/timers/{id}/pause", Access::signed_in,
          [&app](RequestContext& c) { return switch_timer(app, c, false); });
  app.add("POST", "/api/v1/timers/{id}/resume", Access::signed_in,
          [&app](RequestContext& c) { return switch_timer(app, c, true); });
  app.add("POST", "/api/v1/timers/{id}/stop", Access::signed_in,
          [&app](RequestContext& c) { return stop_timer(app, c); });
}

}  // namespace tandem::api
