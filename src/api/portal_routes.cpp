#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

namespace {

// The signed-in customer as it sees itself.
nlohmann::json portal_customer_json(const store::CustomerRow& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"email", c.emails.empty() ? "" : c.emails.front()},
          {"organization_id", c.organization_id ? nlohmann::json(*c.organization_id) : nullptr}};
}

// A public message as customers see it: message_json without internal references (author ids, item,
// visibility), its files served through the portal.
nlohmann::json portal_message_json(const service::MessageView& view) {
  nlohmann::json json = message_json(view);
  json.erase("item_id");
  json.erase("visibility");
  json["author"].erase("id");
  for (auto& file : json["attachments"])
    file["url"] = "/portal/api/v1/files/" + std::to_string(file["id"].get<std::int64_t>()) + "/content";
  return json;
}

// A file as its uploader sees it on the portal: no hash, its content served through the portal.
nlohmann::json portal_file_json(const store::FileRow& file) {
  nlohmann::json json = file_json(file);
  json.erase("sha256");
  json["url"] = "/portal/api/v1/files/" + std::to_string(file.id) + "/content";
  return json;
}

// The answer to a successful sign-in: the customer, its CSRF token, and the portal cookie.
net::Response signed_in(ApiApp& app, int status, const service::NewPortalSession& session) {
  net::Response response = json_response(
      status, {{"customer", portal_customer_json(session.customer)}, {"csrf_token", session.csrf_token}});
  const TimestampMs lifetime = session.expires_at - app.services().clock.now_ms();
  response.headers.add(
      "Set-Cookie", session_cookie(kPortalCookie, session.secret, lifetime, app.settings().secure_cookies));
  return response;
}

Result<net::Response> login(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto email, string_field(body, "email"));
  TANDEM_ASSIGN(auto password, string_field(body, "password"));
  TANDEM_ASSIGN(auto session,
                app.services().portal_auth.login(email, password, context.request.remote_address,
                                                 context.request.headers.get("User-Agent")));
  return signed_in(app, 200, session);
}

Result<net::Response> register_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto email, string_field(body, "email"));
  TANDEM_ASSIGN(auto password, string_field(body, "password"));
  TANDEM_ASSIGN(auto name, string_field(body, "name"));
  TANDEM_ASSIGN(auto language, optional_string(body, "language"));
  TANDEM_ASSIGN(auto session, app.services().portal_auth.register_customer(
                                  email, password, name, context.request.remote_address,
                                  context.request.headers.get("User-Agent"), language));
  return signed_in(app, 201, session);
}

Result<net::Response> logout(ApiApp& app, RequestContext& context) {
  if (context.portal) TANDEM_TRY(app.services().portal_auth.logout(context.portal->session_id));
  net::Response response = net::Response::empty(204);
  response.headers.add("Set-Cookie", session_cookie(kPortalCookie, "", 0, app.settings().secure_cookies));
  return response;
}

Result<net::Response> accept_invitation(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto token, string_field(body, "token"));
  TANDEM_ASSIGN(auto password, string_field(body, "password"));
  TANDEM_ASSIGN(auto language, optional_string(body, "language"));
  TANDEM_ASSIGN(auto session, app.services().portal_auth.accept_invitation(
                                  token, password, context.request.remote_address,
                                  context.request.headers.get("User-Agent"), language));
  return signed_in(app, 200, session);
}

Result<net::Response> request_password_reset(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto email, string_field(body, "email"));
  TANDEM_TRY(app.services().portal_auth.request_password_reset(email));
  return json_response(202, {{"requested", true}});
}

Result<net::Response> reset_password(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto token, string_field(body, "token"));
  TANDEM_ASSIGN(auto password, string_field(body, "password"));
  TANDEM_TRY(app.services().portal_auth.reset_password(token, password));
  return net::Response::empty(204);
}

Result<net::Response> me(RequestContext& context) {
  if (!context.portal) return Error::make(ErrorCode::unauthenticated, "sign in to the portal first");
  return json_response(200, {{"customer", portal_customer_json(context.portal->customer)},
                             {"csrf_token", context.portal->csrf_token}});
}

Result<net::Response> list_items(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto page, app.services().portal.list_items(context.actor(), context.request.query_params()));
  return page_response(std::move(page.items), page.next_cursor);
}

Result<net::Response> get_item(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto item, app.services().portal.get_item(context.actor(), id));
  return json_response(200, item);
}

Result<net::Response> submit_ticket(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::TicketRequest request;
  TANDEM_ASSIGN(request.title, string_field(body, "title"));
  TANDEM_ASSIGN(request.description, string_field(body, "description"));
  TANDEM_ASSIGN(request.project_id, optional_id(body, "project_id"));
  if (context.actor().is_customer()) {
    TANDEM_ASSIGN(auto item, app.services().portal.submit_ticket(context.actor(), request));
    return json_response(201, item);
  }
  TANDEM_ASSIGN(auto email, string_field(body, "email"));
  TANDEM_ASSIGN(auto name, string_field(body, "name"));
  TANDEM_ASSIGN(auto ticket, app.services().portal.submit_as_visitor(email, name, request));
  return json_response(201, {{"item", ticket.item}, {"link_secret", ticket.secret}});
}

Result<net::Response> list_messages(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(auto views, app.services().portal.messages(context.actor(), item_id, after, limit));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& view : views) data.push_back(portal_message_json(view));
  const bool more = static_cast<int>(views.size()) == limit;
  return page_response(std::move(data), more ? std::to_string(views.back().message.id) : "");
}

Result<net::Response> reply(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto text, string_field(body, "body"));
  TANDEM_ASSIGN(auto file_ids, id_list(body, "file_ids"));
  TANDEM_ASSIGN(auto view, app.services().portal.reply(context.actor(), item_id, text, std::move(file_ids)));
  return json_response(201, portal_message_json(view));
}

Result<net::Response> upload(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto file, receive_upload(app, context));
  return json_response(201, portal_file_json(file));
}

Result<net::Response> list_projects(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto projects, app.services().portal.projects(context.actor()));
  return page_response(std::move(projects), "");
}

Result<net::Response> follow(ApiApp& app, RequestContext& context, bool following) {
  TANDEM_ASSIGN(auto item_id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().portal.follow(context.actor(), item_id, following));
  return net::Response::empty(204);
}

}  // namespace

void register_portal_routes(ApiApp& app) {
  const auto route = [&app](std::string method, std::string pattern, Access access,
                            Result<net::Response> (*handler)(ApiApp&, RequestContext&)) {
    app.add(std::move(method), std::move(pattern), access,
            [&app, handler](RequestContext& c) { return handler(app, c); });
  };
  route("POST", "/portal/api/v1/auth/login", Access::portal_public, login);
  route("POST", "/portal/api/v1/auth/register", Access::portal_public, register_customer);
  route("POST", "/portal/api/v1/auth/accept-invitation", Access::portal_public, accept_invitation);
  route("POST", "/portal/api/v1/auth/request-password-reset", Access::portal_public, request_password_reset);
  route("POST", "/portal/api/v1/auth/reset-password", Access::portal_public, reset_password);
  route("POST", "/portal/api/v1/auth/logout", Access::customer, logout);
  app.add("GET", "/portal/api/v1/me", Access::customer, [](RequestContext& c) { return me(c); });
  route("GET", "/portal/api/v1/items", Access::customer, list_items);
  route("GET", "/portal/api/v1/items/{id}", Access::customer, get_item);
  route("POST", "/portal/api/v1/tickets", Access::portal, submit_ticket);
  route("GET", "/portal/api/v1/projects", Access::customer, list_projects);
  route("GET", "/portal/api/v1/items/{id}/messages", Access::customer, list_messages);
  route("POST", "/portal/api/v1/items/{id}/messages", Access::customer, reply);
  route("PUT", "/portal/api/v1/items/{id}/follow", Access::customer,
        [](ApiApp& a, RequestContext& c) { return follow(a, c, true); });
  route("DELETE", "/portal/api/v1/items/{id}/follow", Access::customer,
        [](ApiApp& a, RequestContext& c) { return follow(a, c, false); });
  route("POST", std::string(kPortalUploadPath), Access::customer, upload);
  route("GET", "/portal/api/v1/files/{id}/content", Access::customer, file_download);
}

}  // namespace tandem::api
