#include "api/api_app.h"
#include "api/hierarchy_io.h"
#include "api/hierarchy_serializers.h"
#include "api/json_io.h"
#include "api/routes.h"

namespace tandem::api {

namespace {

// The optional string member `key` of `body`, "" when absent or null. Errors: invalid_json.
Result<std::string> text_member(const nlohmann::json& body, std::string_view key) {
  TANDEM_ASSIGN(auto text, optional_string(body, key));
  return text.value_or("");
}

// The body of a request that may have none: an empty object then.
Result<nlohmann::json> optional_body(const net::Request& request) {
  if (request.body.empty()) return nlohmann::json::object();
  return parse_json_object(request);
}

Result<net::Response> create_request(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, optional_body(context.request));
  TANDEM_ASSIGN(auto message, text_member(body, "message"));
  TANDEM_ASSIGN(auto request, app.services().join_requests.request(context.actor(), id, message));
  return json_response(201, join_request_json(request));
}

Result<net::Response> list_project_requests(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto requests, app.services().join_requests.list_for_project(context.actor(), id));
  return page_response(array_of(requests, join_request_json), "");
}

Result<net::Response> list_my_requests(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto requests, app.services().join_requests.list_mine(context.actor()));
  return page_response(array_of(requests, join_request_json), "");
}

// Approves (with the body's `role`) or denies (with its `reason`) the request {rid} of project {id}.
Result<net::Response> decide_request(ApiApp& app, RequestContext& context, bool approve) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto request_id, id_param(context.request, "rid"));
  TANDEM_ASSIGN(auto body, optional_body(context.request));
  TANDEM_ASSIGN(auto text, text_member(body, approve ? "role" : "reason"));
  auto& requests = app.services().join_requests;
  TANDEM_ASSIGN(auto request, approve ? requests.approve(context.actor(), id, request_id, text)
                                      : requests.deny(context.actor(), id, request_id, text));
  return json_response(200, join_request_json(request));
}

}  // namespace

void register_join_request_routes(ApiApp& app) {
  app.add("POST", "/api/v1/projects/{id}/join-requests", Access::signed_in,
          [&app](RequestContext& c) { return create_request(app, c); });
  app.add("GET", "/api/v1/projects/{id}/join-requests", Access::signed_in,
          [&app](RequestContext& c) { return list_project_requests(app, c); });
  app.add("GET", "/api/v1/join-requests", Access::signed_in,
          [&app](RequestContext& c) { return list_my_requests(app, c); });
  app.add("POST", "/api/v1/projects/{id}/join-requests/{rid}/approve", Access::signed_in,
          [&app](RequestContext& c) { return decide_request(app, c, true); });
  app.add("POST", "/api/v1/projects/{id}/join-requests/{rid}/deny", Access::signed_in,
          [&app](RequestContext& c) { return decide_request(app, c, false); });
}

}  // namespace tandem::api
