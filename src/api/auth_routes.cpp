#include <fmt/format.h>

#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

std::string session_cookie(std::string_view name, std::string_view value, TimestampMs max_age_ms,
                           bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", name, value, max_age_ms / 1000,
                     secure ? "; Secure" : "");
}

namespace {

Result<net::Response> login(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto email, string_field(body, "email"));
  TANDEM_ASSIGN(auto password, string_field(body, "password"));
  TANDEM_ASSIGN(auto session, app.services().auth.login(email, password, context.request.remote_address,
                                                        context.request.headers.get("User-Agent")));
  net::Response response =
      json_response(200, {{"user", user_json(session.user)}, {"csrf_token", session.csrf_token}});
  const TimestampMs lifetime = session.expires_at - app.services().clock.now_ms();
  response.headers.add(
      "Set-Cookie", session_cookie(kSessionCookie, session.secret, lifetime, app.settings().secure_cookies));
  return response;
}

Result<net::Response> logout(ApiApp& app, RequestContext& context) {
  if (context.request.session_id != 0) TANDEM_TRY(app.services().auth.logout(context.request.session_id));
  net::Response response = net::Response::empty(204);
  response.headers.add("Set-Cookie", session_cookie(kSessionCookie, "", 0, app.settings().secure_cookies));
  return response;
}

Result<net::Response> me(RequestContext& context) {
  nlohmann::json body = {{"user", user_json(context.identity->user)}};
  if (context.identity->session_id != 0) body["csrf_token"] = context.identity->csrf_token;
  return json_response(200, body);
}

Result<net::Response> update_me(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto changes, user_changes(context.request));
  TANDEM_ASSIGN(auto user, app.services().users.update_own_profile(context.actor(), changes));
  return json_response(200, {{"user", user_json(user)}});
}

Result<net::Response> create_token(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto name, string_field(body, "name"));
  TANDEM_ASSIGN(auto created, app.services().auth.create_token(context.actor(), name));
  nlohmann::json out = api_token_json(created.token);
  out["token"] = created.secret;
  return json_response(201, out);
}

Result<net::Response> list_tokens(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto tokens, app.services().auth.list_tokens(context.actor()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& token : tokens) items.push_back(api_token_json(token));
  return page_response(std::move(items), "");
}

Result<net::Response> revoke_token(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().auth.revoke_token(context.actor(), id));
  return net::Response::empty(204);
}

}  // namespace

void register_auth_routes(ApiApp& app) {
  app.add("POST", "/api/v1/auth/login", Access::anyone, [&app](RequestContext& c) { return login(app, c); });
  app.add("POST", "/api/v1/auth/logout", Access::signed_in,
          [&app](RequestContext& c) { return logout(app, c); });
  app.add("GET", "/api/v1/me", Access::signed_in, [](RequestContext& c) { return me(c); });
  app.add("PATCH", "/api/v1/me", Access::signed_in, [&app](RequestContext& c) { return update_me(app, c); });
  app.add("POST", "/api/v1/me/tokens", Access::signed_in,
          [&app](RequestContext& c) { return create_token(app, c); });
  app.add("GET", "/api/v1/me/tokens", Access::signed_in,
          [&app](RequestContext& c) { return list_tokens(app, c); });
  app.add("DELETE", "/api/v1/me/tokens/{id}", Access::signed_in,
          [&app](RequestContext& c) { return revoke_token(app, c); });
}

}  // namespace tandem::api
