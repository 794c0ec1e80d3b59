#include "api/api_app.h"
#include "api/hierarchy_serializers.h"
#include "api/json_io.h"
#include "api/routes.h"

namespace tandem::api {

namespace {

Result<net::Response> list_teams(ApiApp& app, RequestContext& context) {
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(auto teams, app.services().teams.list_teams(context.actor(), after, limit));
  nlohmann::json items = array_of(teams, team_json);
  const bool more = static_cast<int>(teams.size()) == limit;
  return page_response(std::move(items), more ? std::to_string(teams.back().id) : "");
}

Result<net::Response> create_team(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::NewTeam input;
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  TANDEM_ASSIGN(input.description, string_field(body, "description"));
  TANDEM_ASSIGN(input.member_ids, id_list(body, "member_ids"));
  TANDEM_ASSIGN(auto team, app.services().teams.create_team(context.actor(), input));
  return json_response(201, team_json(team));
}

Result<net::Response> get_team(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto team, app.services().teams.get_team(context.actor(), id));
  return json_response(200, team_json(team));
}

Result<net::Response> update_team(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::TeamChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.description, optional_string(body, "description"));
  TANDEM_ASSIGN(auto team, app.services().teams.update_team(context.actor(), id, changes));
  return json_response(200, team_json(team));
}

Result<net::Response> add_member(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user_id, id_param(context.request, "user_id"));
  TANDEM_ASSIGN(auto team, app.services().teams.add_member(context.actor(), id, user_id));
  return json_response(200, team_json(team));
}

Result<net::Response> remove_member(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user_id, id_param(context.request, "user_id"));
  TANDEM_TRY(app.services().teams.remove_member(context.actor(), id, user_id));
  return net::Response::empty(204);
}

}  // namespace

void register_team_routes(ApiApp& app) {
  app.add("GET", "/api/v1/teams", Access::signed_in,
          [&app](RequestContext& c) { return list_teams(app, c); });
  app.add("POST", "/api/v1/teams", Access::signed_in,
          [&app](RequestContext& c) { return create_team(app, c); });
  app.add("GET", "/api/v1/teams/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_team(app, c); });
  app.add("PATCH", "/api/v1/teams/{id}", Access::signed_in,
          [&app](RequestContext& c) { return update_team(app, c); });
  app.add("PUT", "/api/v1/teams/{id}/members/{user_id}", Access::signed_in,
          [&app](RequestContext& c) { return add_member(app, c); });
  app.add("DELETE", "/api/v1/teams/{id}/members/{user_id}", Access::signed_in,
          [&app](RequestContext& c) { return remove_member(app, c); });
}

}  // namespace tandem::api
