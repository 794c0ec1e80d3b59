#include "api/api_app.h"
#include "api/json_io.h"
#include "api/openapi.h"
#include "api/routes.h"

namespace tandem::api {

void register_ops_routes(ApiApp& app) {
  app.add("GET", "/healthz", Access::anyone, [](RequestContext&) -> Result<net::Response> {
    return json_response(200, {{"status", "ok"}});
  });
  app.add("GET", "/readyz", Access::anyone, [&app](RequestContext&) -> Result<net::Response> {
    if (Status s = app.services().db.ping(); !s.ok())
      return Error{ErrorCode::unavailable, "the store is not reachable", s.error().internal, {}};
    return json_response(200, {{"status", "ready"}});
  });
  app.add("GET", "/metrics", Access::anyone, [&app](RequestContext&) -> Result<net::Response> {
    return net::Response::text(200,
                               app.metrics().render(app.services().db.write_queue_depth(), app.hub().size()),
                               "text/plain; version=0.0.4; charset=utf-8");
  });
  app.add("GET", "/api/v1/openapi.json", Access::anyone, [](RequestContext&) -> Result<net::Response> {
    return net::Response::json(200, std::string(openapi_json()));
  });
}

}  // namespace tandem::api
