#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

namespace {

Result<net::Response> list_users(ApiApp& app, RequestContext& context) {
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(auto users, app.services().users.list_users(context.actor(), after, limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& user : users) items.push_back(user_json(user));
  const bool more = static_cast<int>(users.size()) == limit;
  return page_response(std::move(items), more ? std::to_string(users.back().id) : "");
}

Result<net::Response> create_user(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::NewUser input;
  TANDEM_ASSIGN(input.email, string_field(body, "email"));
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  TANDEM_ASSIGN(input.role, string_field(body, "role"));
  TANDEM_ASSIGN(input.password, string_field(body, "password"));
  if (body.contains("app_levels")) input.app_levels = body["app_levels"];
  TANDEM_ASSIGN(auto user, app.services().users.create_user(context.actor(), input));
  return json_response(201, user_json(user));
}

Result<net::Response> get_user(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user, app.services().users.get_user(context.actor(), id));
  return json_response(200, user_json(user));
}

Result<net::Response> update_user(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto changes, user_changes(context.request));
  TANDEM_ASSIGN(auto user, app.services().users.update_user(context.actor(), id, changes));
  return json_response(200, user_json(user));
}

}  // namespace

Result<service::UserChanges> user_changes(const net::Request& request) {
  TANDEM_ASSIGN(auto body, parse_json_object(request));
  service::UserChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.role, optional_string(body, "role"));
  if (body.contains("app_levels")) changes.app_levels = body["app_levels"];
  TANDEM_ASSIGN(changes.language, nullable_string(body, "language"));
  return changes;
}

void register_user_routes(ApiApp& app) {
  app.add("GET", "/api/v1/users", Access::signed_in,
          [&app](RequestContext& c) { return list_users(app, c); });
  app.add("POST", "/api/v1/users", Access::signed_in,
          [&app](RequestContext& c) { return create_user(app, c); });
  app.add("GET", "/api/v1/users/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_user(app, c); });
  app.add("PATCH", "/api/v1/users/{id}", Access::signed_in,
          [&app](RequestContext& c) { return update_user(app, c); });
}

}  // namespace tandem::api
