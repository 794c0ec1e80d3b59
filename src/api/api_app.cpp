#include "api/api_app.h"

#include <array>
#include <charconv>

#include <nlohmann/json.hpp>

#include "api/error_response.h"
#include "api/idempotency.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "core/policy.h"
#include "service/auth/secrets.h"

namespace tandem::api {

namespace {

std::string_view bearer_token(const net::Request& request) {
  const std::string_view header = request.headers.get("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || header.substr(0, kScheme.size()) != kScheme) return {};
  return header.substr(kScheme.size());
}

// True when the browser says the page that opened this request is ours (WebSocket has no CORS).
bool same_origin(const net::Request& request) {
  const std::string_view origin = request.headers.get("Origin");
  if (origin.empty()) return true;  // not a browser
  const std::string_view host = request.headers.get("Host");
  const auto scheme_end = origin.find("://");
  return scheme_end != std::string_view::npos && origin.substr(scheme_end + 3) == host;
}

// Paths that belong wholly to one module: while it is switched off they answer 404 module_disabled,
// whatever the route.
struct ModulePrefix {
  std::string_view prefix;
  service::Module module;
};
constexpr std::array<ModulePrefix, 6> kModulePrefixes = {{
    {"/portal/", service::Module::portal},
    {"/api/v1/timesheets", service::Module::timesheets},
    {"/api/v1/timers", service::Module::timesheets},
    {"/api/v1/reports/timesheets", service::Module::timesheets},
    {"/api/v1/settings/time", service::Module::timesheets},
    {"/api/v1/rates", service::Module::timesheets},
}};

}  // namespace

Result<std::int64_t> id_param(const net::Request& request, std::string_view name) {
  const std::string_view text = request.param(name);
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
    return Error::make(ErrorCode::not_found, "no such " + std::string(name));
  return id;
}

ApiApp::ApiApp(service::Services& services, net::Metrics& metrics, net::LiveHub& hub, ApiSettings settings)
    : services_(services), metrics_(metrics), hub_(hub), settings_(std::move(settings)) {
  if (!settings_.web_root.empty()) web_.emplace(settings_.web_root);
  register_auth_routes(*this);
  register_user_routes(*this);
  register_catalog_routes(*this);
  register_search_routes(*this);
  register_team_routes(*this);
  register_portfolio_routes(*this);
  register_project_routes(*this);
  register_folder_routes(*this);
  register_ops_routes(*this);
  register_item_routes(*this);
  register_file_routes(*this);
  register_message_routes(*this);
  register_settings_routes(*this);
  register_join_request_routes(*this);
  register_customer_routes(*this);
  register_portal_routes(*this);
  register_timer_routes(*this);
  register_timesheet_routes(*this);
  register_report_routes(*this);
  register_time_settings_routes(*this);
}

void ApiApp::add(std::string method, std::string pattern, Access access, ApiHandler handler) {
  router_.add(std::move(method), std::move(pattern),
              [this, access, handler = std::move(handler)](net::Request& request) {
                RequestContext context{request, std::nullopt};
                if (Status s = admit(context, access); !s.ok())
                  return error_response(s.error(), request.request_id);
                return answer_idempotently(services_, request, [&]() {
                  Result<net::Response> response = handler(context);
                  if (!response.ok()) return error_response(response.error(), request.request_id);
                  return std::move(response).value();
                });
              });
}

std::optional<net::Response> ApiApp::admit_upload(net::Request& request) {
  const bool portal = request.path == kPortalUploadPath;
  request.route = std::string(portal ? kPortalUploadPath : kUploadPath);
  RequestContext context{request, std::nullopt};
  Status admitted = check_module_of_path(request.path);
  if (admitted.ok()) admitted = admit(context, portal ? Access::customer : Access::signed_in);
  if (!admitted.ok()) return error_response(admitted.error(), request.request_id);
  return std::nullopt;
}

Status ApiApp::admit(RequestContext& context, Access access) {
  if (access == Access::portal_public || access == Access::portal || access == Access::customer)
    return admit_portal(context, access);
  net::Request& request = context.request;
  TANDEM_TRY(authenticate(context));
  if (access == Access::signed_in && !request.actor.is_authenticated())
    return Error::make(ErrorCode::unauthenticated, "sign in first");
  const bool csrf_exempt = access == Access::anyone;
  if (!csrf_exempt && request.session_id != 0 && !net::is_safe_method(request.method) &&
      !service::constant_time_equals(request.headers.get("X-CSRF-Token"), context.identity->csrf_token))
    return Error::make(ErrorCode::csrf_failed, "send the X-CSRF-Token header you got at sign-in");
  return {};
}

Status ApiApp::admit_portal(RequestContext& context, Access access) {
  net::Request& request = context.request;
  if (const std::string_view secret = request.cookie(kPortalCookie); !secret.empty()) {
    TANDEM_ASSIGN(context.portal, services_.portal_auth.authenticate(secret));
  }
  if (context.portal) {
    request.actor = context.portal->actor;
    request.session_id = context.portal->session_id;
  } else if (const std::string_view link = request.headers.get(kPortalLinkHeader); !link.empty()) {
    TANDEM_ASSIGN(auto visitor, services_.portal_auth.authenticate_link(link));
    if (!visitor) return Error::make(ErrorCode::unauthenticated, "the link is not valid");
    request.actor = std::move(*visitor);
  }
  if (access == Access::customer && !request.actor.is_customer())
    return Error::make(ErrorCode::unauthenticated, "sign in to the portal first");
  if (access != Access::portal_public && context.portal && !net::is_safe_method(request.method) &&
      !service::constant_time_equals(request.headers.get("X-CSRF-Token"), context.portal->csrf_token))
    return Error::make(ErrorCode::csrf_failed, "send the X-CSRF-Token header you got at sign-in");
  return {};
}

Result<std::optional<service::Identity>> ApiApp::identify(std::string_view token, std::string_view secret) {
  if (!token.empty()) {
    TANDEM_ASSIGN(auto identity, services_.auth.authenticate_token(token));
    if (!identity) return Error::make(ErrorCode::unauthenticated, "the API token is not valid");
    return identity;
  }
  if (!secret.empty()) return services_.auth.authenticate_session(secret);
  return std::optional<service::Identity>();
}

Status ApiApp::authenticate(RequestContext& context) {
  net::Request& request = context.request;
  TANDEM_ASSIGN(context.identity, identify(bearer_token(request), request.cookie(kSessionCookie)));
  if (context.identity) {
    request.actor = context.identity->actor;
    request.session_id = context.identity->session_id;
  }
  return {};
}

Status ApiApp::check_module_of_path(const std::string& path) {
  for (const auto& [prefix, module] : kModulePrefixes)
    if (path.starts_with(prefix)) return services_.modules.require(module);
  return {};
}

net::Response ApiApp::handle(net::Request& request) {
  if (Status module = check_module_of_path(request.path); !module.ok())
    return error_response(module.error(), request.request_id);
  const auto match = router_.match(request.method, request.path, request.path_params);
  if (match.outcome == net::Router::Outcome::matched) {
    request.route = match.pattern;
    return (*match.handler)(request);
  }
  const bool api_path =
      request.path.starts_with("/api/") || request.path == "/api" || request.path.starts_with("/portal/api/");
  if (!api_path && (request.method == "GET" || request.method == "HEAD")) {
    net::Response page = web_page(request);
    if (page.status != 404) {
      request.route = "static";
      return page;
    }
  }
  if (match.outcome == net::Router::Outcome::method_not_allowed) {
    net::Response response =
        error_response(Error::make(ErrorCode::method_not_allowed, request.method + " is not allowed here"));
    response.headers.set("Allow", match.allowed);
    return response;
  }
  return error_response(Error::make(ErrorCode::not_found, "no such resource: " + request.path));
}

net::Response ApiApp::web_page(const net::Request& request) const {
  if (web_)
    if (auto file = web_->serve(request)) return std::move(*file);
  return error_response(Error::make(ErrorCode::not_found, "no such page: " + request.path),
                        request.request_id);
}

Result<net::LiveAdmission> ApiApp::authenticate_live(net::Request& request) {
  RequestContext context{request, std::nullopt};
  TANDEM_TRY(authenticate(context));
  if (context.identity && context.identity->session_id != 0 && !same_origin(request))
    return Error::make(ErrorCode::forbidden, "the live channel only accepts pages of this server");
  if (!context.identity || !Policy::can(request.actor, Action::subscribe_live))
    return Error::make(ErrorCode::unauthenticated, "sign in first");
  const std::string token(bearer_token(request));
  const std::string session_secret(request.cookie(kSessionCookie));
  auto recheck = [this, token, session_secret]() -> std::optional<Actor> {
    auto identity = identify(token, session_secret);
    if (!identity.ok() || !identity.value() || !Policy::can(identity.value()->actor, Action::subscribe_live))
      return std::nullopt;
    return identity.value()->actor;
  };
  return net::LiveAdmission{request.actor, std::move(recheck)};
}

std::string ApiApp::live_hello(const Actor& actor) const {
  return nlohmann::json{
      {"type", "hello"},
      {"user", {{"id", actor.user_id}, {"name", actor.name}, {"role", to_string(actor.role)}}}}
      .dump();
}

}  // namespace tandem::api
