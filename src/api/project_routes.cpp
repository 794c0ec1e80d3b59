#include "api/api_app.h"
#include "api/etag.h"
#include "api/hierarchy_io.h"
#include "api/hierarchy_serializers.h"
#include "api/json_io.h"
#include "api/routes.h"

namespace tandem::api {

namespace {

// A project response carrying the project's ETag.
net::Response project_response(int status, const store::ProjectView& view) {
  net::Response response = json_response(status, project_json(view));
  response.headers.add("ETag", version_etag('p', view.project.id, view.project.version));
  return response;
}

// The member `custom_fields` of `body` when present and not null. Errors: validation_failed when it is not
// an object.
Result<std::optional<nlohmann::json>> custom_fields_member(const nlohmann::json& body) {
  const auto it = body.find("custom_fields");
  if (it == body.end() || it->is_null()) return std::optional<nlohmann::json>();
  if (!it->is_object())
    return Error::make(ErrorCode::validation_failed, "custom_fields must be an object keyed by field key")
        .with("field", "custom_fields");
  return std::optional<nlohmann::json>(*it);
}

Result<net::Response> list_projects(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto page, position_page(context.request));
  TANDEM_ASSIGN(const bool archived, bool_query(context.request, "archived", false));
  TANDEM_ASSIGN(auto views,
                app.services().projects.list_projects(context.actor(), archived, page.after, page.limit));
  nlohmann::json items = array_of(views, project_json);
  if (views.empty()) return page_response(std::move(items), "");
  return position_page_response(std::move(items), page, views.back().project.position,
                                views.back().project.id);
}

Result<net::Response> create_project(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::NewProject input;
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  TANDEM_ASSIGN(input.description, string_field(body, "description"));
  TANDEM_ASSIGN(input.start_date, optional_string(body, "start_date"));
  TANDEM_ASSIGN(const auto archived, optional_bool(body, "archived"));
  input.archived = archived.value_or(false);
  TANDEM_ASSIGN(const auto is_private, optional_bool(body, "private"));
  input.is_private = is_private.value_or(false);
  TANDEM_ASSIGN(input.position, optional_number(body, "position"));
  TANDEM_ASSIGN(const auto custom_fields, custom_fields_member(body));
  if (custom_fields) input.custom_fields = *custom_fields;
  TANDEM_ASSIGN(input.member_ids, id_list(body, "member_ids"));
  TANDEM_ASSIGN(auto view, app.services().projects.create_project(context.actor(), input));
  return project_response(201, view);
}

Result<net::Response> get_project(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto view, app.services().projects.get_project(context.actor(), id));
  return project_response(200, view);
}

Result<net::Response> update_project(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::ProjectChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.description, optional_string(body, "description"));
  if (body.contains("start_date")) {
    TANDEM_ASSIGN(auto start_date, optional_string(body, "start_date"));
    changes.start_date.emplace(std::move(start_date));
  }
  TANDEM_ASSIGN(changes.archived, optional_bool(body, "archived"));
  TANDEM_ASSIGN(changes.is_private, optional_bool(body, "private"));
  TANDEM_ASSIGN(changes.position, optional_number(body, "position"));
  TANDEM_ASSIGN(changes.custom_fields, custom_fields_member(body));
  TANDEM_ASSIGN(auto view, app.services().projects.update_project(
                               context.actor(), id, changes, if_match_versions(context.request, 'p', id)));
  return project_response(200, view);
}

Result<net::Response> list_members(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto members, app.services().projects.list_members(context.actor(), id));
  return page_response(array_of(members, project_member_json), "");
}

Result<net::Response> put_member(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user_id, id_param(context.request, "user_id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto role, string_field(body, "role"));
  TANDEM_ASSIGN(auto member, app.services().projects.put_member(context.actor(), id, user_id, role));
  return json_response(200, project_member_json(member));
}

Result<net::Response> remove_member(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user_id, id_param(context.request, "user_id"));
  TANDEM_TRY(app.services().projects.remove_member(context.actor(), id, user_id));
  return net::Response::empty(204);
}

Result<net::Response> list_teams(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto teams, app.services().projects.list_teams(context.actor(), id));
  return page_response(array_of(teams, project_team_json), "");
}

Result<net::Response> get_team(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto team_id, id_param(context.request, "team_id"));
  TANDEM_ASSIGN(auto team, app.services().projects.get_team(context.actor(), id, team_id));
  return json_response(200, project_team_json(team));
}

Result<net::Response> put_team(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto team_id, id_param(context.request, "team_id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto role, string_field(body, "role"));
  TANDEM_ASSIGN(auto team, app.services().projects.put_team(context.actor(), id, team_id, role));
  return json_response(200, project_team_json(team));
}

Result<net::Response> remove_team(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto team_id, id_param(context.request, "team_id"));
  TANDEM_TRY(app.services().projects.remove_team(context.actor(), id, team_id));
  return net::Response::empty(204);
}

Result<net::Response> list_followers(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto followers, app.services().projects.list_followers(context.actor(), id));
  return page_response(array_of(followers, project_follower_json), "");
}

Result<net::Response> add_follower(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user_id, id_param(context.request, "user_id"));
  TANDEM_ASSIGN(auto follower, app.services().projects.add_follower(context.actor(), id, user_id));
  return json_response(200, project_follower_json(follower));
}

Result<net::Response> remove_follower(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto user_id, id_param(context.request, "user_id"));
  TANDEM_TRY(app.services().projects.remove_follower(context.actor(), id, user_id));
  return net::Response::empty(204);
}

}  // namespace

void register_project_routes(ApiApp& app) {
  app.add("GET", "/api/v1/projects", Access::signed_in,
          [&app](RequestContext& c) { return list_projects(app, c); });
  app.add("POST", "/api/v1/projects", Access::signed_in,
          [&app](RequestContext& c) { return create_project(app, c); });
  app.add("GET", "/api/v1/projects/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_project(app, c); });
  app.add("PATCH", "/api/v1/projects/{id}", Access::signed_in,
          [&app](RequestContext& c) { return update_project(app, c); });
  app.add("GET", "/api/v1/projects/{id}/members", Access::signed_in,
          [&app](RequestContext& c) { return list_members(app, c); });
  app.add("PUT", "/api/v1/projects/{id}/members/{user_id}", Access::signed_in,
          [&app](RequestContext& c) { return put_member(app, c); });
  app.add("DELETE", "/api/v1/projects/{id}/members/{user_id}", Access::signed_in,
          [&app](RequestContext& c) { return remove_member(app, c); });
  app.add("GET", "/api/v1/projects/{id}/teams", Access::signed_in,
          [&app](RequestContext& c) { return list_teams(app, c); });
  app.add("GET", "/api/v1/projects/{id}/teams/{team_id}", Access::signed_in,
          [&app](RequestContext& c) { return get_team(app, c); });
  app.add("PUT", "/api/v1/projects/{id}/teams/{team_id}", Access::signed_in,
          [&app](RequestContext& c) { return put_team(app, c); });
  app.add("DELETE", "/api/v1/projects/{id}/teams/{team_id}", Access::signed_in,
          [&app](RequestContext& c) { return remove_team(app, c); });
  app.add("GET", "/api/v1/projects/{id}/followers", Access::signed_in,
          [&app](RequestContext& c) { return list_followers(app, c); });
  app.add("PUT", "/api/v1/projects/{id}/followers/{user_id}", Access::signed_in,
          [&app](RequestContext& c) { return add_follower(app, c); });
  app.add("DELETE", "/api/v1/projects/{id}/followers/{user_id}", Access::signed_in,
          [&app](RequestContext& c) { return remove_follower(app, c); });
}

}  // namespace tandem::api
