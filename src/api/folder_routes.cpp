#include "api/api_app.h"
#include "api/hierarchy_io.h"
#include "api/hierarchy_serializers.h"
#include "api/json_io.h"
#include "api/routes.h"

namespace tandem::api {

namespace {

Result<net::Response> list_folders(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto project_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto page, position_page(context.request));
  TANDEM_ASSIGN(auto folders,
                app.services().folders.list_folders(context.actor(), project_id, page.after, page.limit));
  nlohmann::json items = array_of(folders, folder_json);
  if (folders.empty()) return page_response(std::move(items), "");
  return position_page_response(std::move(items), page, folders.back().position, folders.back().id);
}

Result<net::Response> create_folder(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto project_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::NewFolder input;
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  TANDEM_ASSIGN(input.parent_id, optional_id(body, "parent_id"));
  TANDEM_ASSIGN(input.position, optional_number(body, "position"));
  TANDEM_ASSIGN(auto folder, app.services().folders.create_folder(context.actor(), project_id, input));
  return json_response(201, folder_json(folder));
}

Result<net::Response> get_folder(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto folder, app.services().folders.get_folder(context.actor(), id));
  return json_response(200, folder_json(folder));
}

Result<net::Response> update_folder(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::FolderChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  if (body.contains("parent_id")) {
    TANDEM_ASSIGN(auto parent_id, optional_id(body, "parent_id"));
    changes.parent_id.emplace(parent_id);
  }
  TANDEM_ASSIGN(changes.position, optional_number(body, "position"));
  TANDEM_ASSIGN(auto folder, app.services().folders.update_folder(context.actor(), id, changes));
  return json_response(200, folder_json(folder));
}

Result<net::Response> delete_folder(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().folders.delete_folder(context.actor(), id));
  return net::Response::empty(204);
}

Result<net::Response> get_tree(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const bool archived, bool_query(context.request, "archived", false));
  TANDEM_ASSIGN(auto tree, app.services().tree.tree(context.actor(), archived));
  return json_response(200, tree_json(tree));
}

}  // namespace

void register_folder_routes(ApiApp& app) {
  app.add("GET", "/api/v1/projects/{id}/folders", Access::signed_in,
          [&app](RequestContext& c) { return list_folders(app, c); });
  app.add("POST", "/api/v1/projects/{id}/folders", Access::signed_in,
          [&app](RequestContext& c) { return create_folder(app, c); });
  app.add("GET", "/api/v1/folders/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_folder(app, c); });
  app.add("PATCH", "/api/v1/folders/{id}", Access::signed_in,
          [&app](RequestContext& c) { return update_folder(app, c); });
  app.add("DELETE", "/api/v1/folders/{id}", Access::signed_in,
          [&app](RequestContext& c) { return delete_folder(app, c); });
  app.add("GET", "/api/v1/tree", Access::signed_in, [&app](RequestContext& c) { return get_tree(app, c); });
}

}  // namespace tandem::api
