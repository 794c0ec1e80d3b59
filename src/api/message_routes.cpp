#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

namespace {

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

Result<net::Response> list_messages(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(auto views,
                app.services().conversations.list_messages(context.actor(), item_id, after, limit));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& view : views) data.push_back(message_json(view));
  const bool more = static_cast<int>(views.size()) == limit;
  return page_response(std::move(data), more ? std::to_string(views.back().message.id) : "");
}

Result<net::Response> post_message(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::NewMessage input;
  TANDEM_ASSIGN(input.body, string_field(body, "body"));
  TANDEM_ASSIGN(input.visibility, string_field(body, "visibility"));
  TANDEM_ASSIGN(input.file_ids, id_list(body, "file_ids"));
  TANDEM_ASSIGN(auto view, app.services().conversations.post_message(context.actor(), item_id, input));
  net::Response response = json_response(201, message_json(view));
  response.headers.add("Location", "/api/v1/items/" + std::to_string(item_id) + "/messages/" +
                                       std::to_string(view.message.id));
  return response;
}

Result<net::Response> get_message(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto message_id, id_param(context.request, "message_id"));
  TANDEM_ASSIGN(auto view, app.services().conversations.get_message(context.actor(), item_id, message_id));
  return json_response(200, message_json(view));
}

Result<net::Response> edit_message(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto message_id, id_param(context.request, "message_id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  if (!body.contains("body")) return invalid("body", "body is required");
  TANDEM_ASSIGN(auto text, string_field(body, "body"));
  TANDEM_ASSIGN(auto view,
                app.services().conversations.edit_message(context.actor(), item_id, message_id, text));
  return json_response(200, message_json(view));
}

Result<net::Response> list_revisions(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto message_id, id_param(context.request, "message_id"));
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(auto revisions, app.services().conversations.list_revisions(context.actor(), item_id,
                                                                            message_id, after, limit));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& revision : revisions) data.push_back(revision_json(revision));
  const bool more = static_cast<int>(revisions.size()) == limit;
  return page_response(std::move(data), more ? std::to_string(revisions.back().id) : "");
}

Result<net::Response> list_attachments(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto attachments, app.services().conversations.list_attachments(context.actor(), item_id));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& attachment : attachments) data.push_back(attachment_json(attachment));
  return page_response(std::move(data), "");
}

Result<net::Response> attach_file(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto file_id, optional_id(body, "file_id"));
  if (!file_id) return invalid("file_id", "file_id is required");
  TANDEM_ASSIGN(auto attachment,
                app.services().conversations.attach_file(context.actor(), item_id, *file_id));
  return json_response(201, attachment_json(attachment));
}

}  // namespace

void register_message_routes(ApiApp& app) {
  const auto route = [&app](std::string method, std::string pattern, auto handler) {
    app.add(std::move(method), std::move(pattern), Access::signed_in,
            [&app, handler](RequestContext& c) { return handler(app, c); });
  };
  route("GET", "/api/v1/items/{id}/messages", list_messages);
  route("POST", "/api/v1/items/{id}/messages", post_message);
  route("GET", "/api/v1/items/{id}/messages/{message_id}", get_message);
  route("PATCH", "/api/v1/items/{id}/messages/{message_id}", edit_message);
  route("GET", "/api/v1/items/{id}/messages/{message_id}/revisions", list_revisions);
  route("GET", "/api/v1/items/{id}/attachments", list_attachments);
  route("POST", "/api/v1/items/{id}/attachments", attach_file);
}

}  // namespace tandem::api
