#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"

namespace tandem::api {

namespace {

Result<net::Response> get_modules(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto modules, app.services().modules.get(context.actor()));
  return json_response(200, modules);
}

Result<net::Response> put_modules(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto modules, app.services().modules.put(context.actor(), body));
  return json_response(200, modules);
}

Result<net::Response> get_email_settings(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto settings, app.services().email_settings.get(context.actor()));
  return json_response(200, settings);
}

Result<net::Response> put_email_settings(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto settings, app.services().email_settings.update(context.actor(), body));
  return json_response(200, settings);
}

}  // namespace

void register_settings_routes(ApiApp& app) {
  app.add("GET", "/api/v1/settings/modules", Access::signed_in,
          [&app](RequestContext& c) { return get_modules(app, c); });
  app.add("PUT", "/api/v1/settings/modules", Access::signed_in,
          [&app](RequestContext& c) { return put_modules(app, c); });
  app.add("GET", "/api/v1/settings/email", Access::signed_in,
          [&app](RequestContext& c) { return get_email_settings(app, c); });
  app.add("PUT", "/api/v1/settings/email", Access::signed_in,
          [&app](RequestContext& c) { return put_email_settings(app, c); });
}

}  // namespace tandem::api
