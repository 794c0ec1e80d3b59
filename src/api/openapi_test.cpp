#include "api/openapi.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api/api_app.h"
#include "store/temp_database.h"

namespace tandem::api {

namespace {

// Every route of a real ApiApp, as "METHOD /pattern".
std::set<std::string> served_routes() {
  store::TempDatabase temp("openapi-test");
  FakeClock clock(0);
  service::Services services(temp.db(), clock, {});
  net::Metrics metrics;
  net::LiveHub hub;
  ApiApp app(services, metrics, hub, {});
  std::set<std::string> routes;
  for (const auto& route : app.router().routes()) routes.insert(route.method + " " + route.pattern);
  routes.insert("GET /api/v1/live");  // the WebSocket endpoint is served by the server itself
  return routes;
}

std::set<std::string> documented_routes() {
  const auto document = nlohmann::json::parse(openapi_json());
  std::set<std::string> routes;
  for (const auto& [path, operations] : document.at("paths").items())
    for (const auto& [method, operation] : operations.items()) {
      if (method == "parameters" || method == "summary" || method == "description" || method == "servers")
        continue;  // path-level keys, not operations
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      routes.insert(upper + " " + path);
    }
  return routes;
}

}  // namespace

TEST(OpenApi, IsValidJsonWithVersionAndPaths) {
  const auto document = nlohmann::json::parse(openapi_json(), nullptr, false);
  ASSERT_FALSE(document.is_discarded());
  EXPECT_TRUE(document.at("openapi").get<std::string>().starts_with("3."));
  EXPECT_FALSE(document.at("paths").empty());
}

TEST(OpenApi, DocumentsEveryRouteTheServerHas) {
  const auto documented = documented_routes();
  for (const auto& route : served_routes())
    EXPECT_TRUE(documented.contains(route)) << route << " is served but missing from docs/openapi.yaml";
}

TEST(OpenApi, DocumentsNoRouteTheServerLacks) {
  const auto served = served_routes();
  for (const auto& route : documented_routes())
    EXPECT_TRUE(served.contains(route)) << route << " is in docs/openapi.yaml but not served";
}

}  // namespace tandem::api
