// The REST application: routes, authentication (session cookie or bearer token), CSRF, the error
// taxonomy, and the web front end for every other GET. Handlers are registered per resource.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "net/http.h"
#include "net/live_hub.h"
#include "net/metrics.h"
#include "net/router.h"
#include "net/static_files.h"
#include "service/services.h"

namespace tandem::api {

/// What a handler gets: the request and, when signed in, who sent it.
struct RequestContext {
  net::Request& request;
  std::optional<service::Identity> identity;
  std::optional<service::PortalIdentity> portal = {};  // a customer signed in to the portal

  /// The acting party (anonymous when not signed in).
  const Actor& actor() const { return request.actor; }
};

using ApiHandler = std::function<Result<net::Response>(RequestContext&)>;

enum class Access {
  anyone,         // no sign-in needed (login, health, the spec)
  signed_in,      // a valid session cookie or bearer token, else 401
  portal_public,  // the portal's sign-in pages: a portal cookie is read but not needed, no CSRF
  portal,         // the portal: a portal cookie (with CSRF) or an item's secret link when present
  customer,       // the portal: a portal cookie or an item's secret link, else 401
};

struct ApiSettings {
  bool secure_cookies = false;  // add `Secure` to cookies (serve behind HTTPS)
  std::string web_root;         // built front end; empty = none
};

class ApiApp {
 public:
  /// `services`, `metrics` and `hub` are owned by the caller and outlive the app.
  ApiApp(service::Services& services, net::Metrics& metrics, net::LiveHub& hub, ApiSettings settings);

  /// Answers one request. Thread-safe; never throws for bad input.
  net::Response handle(net::Request& request);
  /// Checks the head of an upload to kUploadPath or kPortalUploadPath before its body is read (sign-in,
  /// CSRF, the portal module): an error response, or nullopt to go on. Thread-safe.
  std::optional<net::Response> admit_upload(net::Request& request);
  /// Authenticates a live-channel upgrade: session cookie (same origin only) or bearer token. The admission's
  /// recheck authenticates the same credential again (nullopt once it no longer admits the client).
  /// Errors: unauthenticated, forbidden (cross-origin).
  Result<net::LiveAdmission> authenticate_live(net::Request& request);
  /// The hello message a live client receives first.
  std::string live_hello(const Actor& actor) const;
  /// The web front end's answer to a page request (a file, or index.html for client routes); 404 when
  /// there is no front end or no such file.
  net::Response web_page(const net::Request& request) const;
  /// Registers a handler. Only before the server starts.
  void add(std::string method, std::string pattern, Access access, ApiHandler handler);
  /// The route table, e.g. to check it against the OpenAPI document.
  const net::Router& router() const { return router_; }
  service::Services& services() { return services_; }
  net::Metrics& metrics() { return metrics_; }
  net::LiveHub& hub() { return hub_; }
  const ApiSettings& settings() const { return settings_; }

 private:
  /// Who presents the bearer `token`, else the session cookie's `secret` (nullopt: neither, or a session
  /// that is not valid). Errors: unauthenticated (a token that is not valid).
  Result<std::optional<service::Identity>> identify(std::string_view token, std::string_view secret);
  /// Resolves the request's credentials into request.actor / identity. Errors: unauthenticated (a bearer
  /// token that is not valid).
  Status authenticate(RequestContext& context);
  /// Authenticates, then checks `access` and the CSRF token. Errors: unauthenticated, csrf_failed.
  Status admit(RequestContext& context, Access access);
  /// Succeeds unless `path` lies under a prefix of a module that is switched off. Errors: module_disabled.
  Status check_module_of_path(const std::string& path);
  /// admit() for the portal accesses: only the portal cookie or a secret link count, never internal
  /// credentials. Errors: unauthenticated, csrf_failed.
  Status admit_portal(RequestContext& context, Access access);

  service::Services& services_;
  net::Metrics& metrics_;
  net::LiveHub& hub_;
  ApiSettings settings_;
  net::Router router_;
  std::optional<net::StaticFiles> web_;
};

/// The name of the browser session cookie.
inline constexpr std::string_view kSessionCookie = "tandem_session";
/// The name of the customer portal's session cookie.
inline constexpr std::string_view kPortalCookie = "tandem_portal";
/// The header carrying an item's secret link on portal requests.
inline constexpr std::string_view kPortalLinkHeader = "X-Portal-Link";
/// The routes whose bodies the server streams to a file (multipart/form-data file uploads): the staff's and
/// the customers'.
inline constexpr std::string_view kUploadPath = "/api/v1/files";
inline constexpr std::string_view kPortalUploadPath = "/portal/api/v1/files";

/// A Set-Cookie value for a session cookie `name` (HttpOnly, SameSite=Lax, Path=/); an empty value with
/// max_age 0 removes it.
std::string session_cookie(std::string_view name, std::string_view value, TimestampMs max_age_ms,
                           bool secure);

/// The value of `{name}` as a positive id. Errors: not_found (not a positive integer).
Result<std::int64_t> id_param(const net::Request& request, std::string_view name);

}  // namespace tandem::api
