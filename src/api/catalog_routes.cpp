#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

namespace {

// Every row of a short list as one page without a further cursor.
template <typename Rows, typename ToJson>
net::Response whole_list(const Rows& rows, ToJson to_json) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& row : rows) data.push_back(to_json(row));
  return page_response(std::move(data), "");
}

// One status of a request body: {"name","color","state","position"?}.
Result<service::NewStatus> new_status(const nlohmann::json& body) {
  service::NewStatus status;
  TANDEM_ASSIGN(status.name, string_field(body, "name"));
  TANDEM_ASSIGN(status.color, string_field(body, "color"));
  TANDEM_ASSIGN(status.state, string_field(body, "state"));
  TANDEM_ASSIGN(status.position, optional_number(body, "position"));
  return status;
}

// Rejects a member that exists only at creation (a key, a scope, a kind).
Status reject_fixed(const nlohmann::json& body, std::string_view key) {
  if (body.contains(key))
    return Error::make(ErrorCode::validation_failed, std::string(key) + " cannot be changed")
        .with("field", std::string(key));
  return {};
}

// ---- item types

Result<net::Response> list_item_types(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto types, app.services().catalog.list_item_types(context.actor()));
  return whole_list(types, item_type_json);
}

Result<net::Response> create_item_type(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  service::NewItemType input;
  TANDEM_ASSIGN(input.key, string_field(body, "key"));
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  if (const auto statuses = body.find("statuses"); statuses != body.end() && !statuses->is_null()) {
    if (!statuses->is_array())
      return Error::make(ErrorCode::validation_failed, "statuses must be an array of {name, color, state}")
          .with("field", "statuses");
    input.statuses.emplace();
    for (const auto& status : *statuses) {
      if (!status.is_object())
        return Error::make(ErrorCode::validation_failed, "statuses must be an array of {name, color, state}")
            .with("field", "statuses");
      TANDEM_ASSIGN(auto parsed, new_status(status));
      input.statuses->push_back(std::move(parsed));
    }
  }
  TANDEM_ASSIGN(const auto type, app.services().catalog.create_item_type(context.actor(), input));
  return json_response(201, item_type_json(type));
}

Result<net::Response> get_item_type(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto type, app.services().catalog.get_item_type(context.actor(), id));
  return json_response(200, item_type_json(type));
}

Result<net::Response> update_item_type(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_TRY(reject_fixed(body, "key"));
  service::ItemTypeChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.position, optional_number(body, "position"));
  TANDEM_ASSIGN(const auto type, app.services().catalog.update_item_type(context.actor(), id, changes));
  return json_response(200, item_type_json(type));
}

Result<net::Response> delete_item_type(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().catalog.delete_item_type(context.actor(), id));
  return net::Response::empty(204);
}

// ---- statuses

Result<net::Response> list_statuses(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto type_id, optional_id_query(context.request, "type_id", "an item type id"));
  TANDEM_ASSIGN(const auto statuses, app.services().catalog.list_statuses(context.actor(), type_id));
  return whole_list(statuses, status_json);
}

Result<net::Response> create_status(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto type_id, optional_id(body, "type_id"));
  TANDEM_ASSIGN(const auto input, new_status(body));
  TANDEM_ASSIGN(const auto status,
                app.services().catalog.create_status(context.actor(), type_id.value_or(0), input));
  return json_response(201, status_json(status));
}

Result<net::Response> update_status(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_TRY(reject_fixed(body, "type_id"));
  service::StatusChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.color, optional_string(body, "color"));
  TANDEM_ASSIGN(changes.state, optional_string(body, "state"));
  TANDEM_ASSIGN(changes.position, optional_number(body, "position"));
  TANDEM_ASSIGN(const auto status, app.services().catalog.update_status(context.actor(), id, changes));
  return json_response(200, status_json(status));
}

Result<net::Response> delete_status(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().catalog.delete_status(context.actor(), id));
  return net::Response::empty(204);
}

// ---- custom field definitions

Result<net::Response> list_custom_fields(ApiApp& app, RequestContext& context) {
  std::optional<std::string> scope;
  if (std::string text = context.request.query_param("scope"); !text.empty()) scope = std::move(text);
  TANDEM_ASSIGN(const auto fields, app.services().custom_fields.list_custom_fields(context.actor(), scope));
  return whole_list(fields, custom_field_json);
}

Result<net::Response> create_custom_field(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  service::NewCustomField input;
  TANDEM_ASSIGN(input.scope, string_field(body, "scope"));
  TANDEM_ASSIGN(input.key, string_field(body, "key"));
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  TANDEM_ASSIGN(input.kind, string_field(body, "kind"));
  TANDEM_ASSIGN(const auto choices, optional_string_list(body, "choices"));
  TANDEM_ASSIGN(const auto required, optional_bool(body, "required"));
  TANDEM_ASSIGN(input.position, optional_number(body, "position"));
  input.choices = choices.value_or(std::vector<std::string>{});
  input.required = required.value_or(false);
  TANDEM_ASSIGN(const auto field, app.services().custom_fields.create_custom_field(context.actor(), input));
  return json_response(201, custom_field_json(field));
}

Result<net::Response> update_custom_field(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  for (const char* fixed : {"scope", "key", "kind"}) TANDEM_TRY(reject_fixed(body, fixed));
  service::CustomFieldChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.choices, optional_string_list(body, "choices"));
  TANDEM_ASSIGN(changes.required, optional_bool(body, "required"));
  TANDEM_ASSIGN(changes.position, optional_number(body, "position"));
  TANDEM_ASSIGN(const auto field,
                app.services().custom_fields.update_custom_field(context.actor(), id, changes));
  return json_response(200, custom_field_json(field));
}

Result<net::Response> delete_custom_field(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().custom_fields.delete_custom_field(context.actor(), id));
  return net::Response::empty(204);
}

}  // namespace

void register_catalog_routes(ApiApp& app) {
  using Handler = Result<net::Response> (*)(ApiApp&, RequestContext&);
  const auto add = [&app](const char* method, const char* pattern, Handler handler) {
    app.add(method, pattern, Access::signed_in,
            [&app, handler](RequestContext& c) { return handler(app, c); });
  };
  add("GET", "/api/v1/item-types", list_item_types);
  add("POST", "/api/v1/item-types", create_item_type);
  add("GET", "/api/v1/item-types/{id}", get_item_type);
  add("PATCH", "/api/v1/item-types/{id}", update_item_type);
  add("DELETE", "/api/v1/item-types/{id}", delete_item_type);
  add("GET", "/api/v1/statuses", list_statuses);
  add("POST", "/api/v1/statuses", create_status);
  add("PATCH", "/api/v1/statuses/{id}", update_status);
  add("DELETE", "/api/v1/statuses/{id}", delete_status);
  add("GET", "/api/v1/custom-fields", list_custom_fields);
  add("POST", "/api/v1/custom-fields", create_custom_field);
  add("PATCH", "/api/v1/custom-fields/{id}", update_custom_field);
  add("DELETE", "/api/v1/custom-fields/{id}", delete_custom_field);
}

}  // namespace tandem::api
