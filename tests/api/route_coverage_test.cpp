#include "route_coverage.h"

#include <gtest/gtest.h>

namespace tandem::api_test {
namespace {

const std::set<std::string> kRoutes = {"GET /api/v1/projects/{id}", "POST /api/v1/projects",
                                       "POST /api/v1/projects/share", "POST /api/v1/projects/{id}/folders",
                                       "GET /tickets/{number}"};

TEST(RouteCoverage, ReadsTheOperationsOfAnOpenApiDocument) {
  const auto document = nlohmann::json::parse(R"({"paths":{
      "/a/{id}":{"parameters":[],"summary":"x","get":{},"patch":{}},
      "/b":{"post":{}}}})");
  EXPECT_EQ(documented_routes(document), (std::set<std::string>{"GET /a/{id}", "PATCH /a/{id}", "POST /b"}));
}

TEST(RouteCoverage, MatchesRowsToTheMostSpecificRoute) {
  EXPECT_EQ(route_of("GET", "/api/v1/projects/${project}", kRoutes), "GET /api/v1/projects/{id}");
  EXPECT_EQ(route_of("GET", "/api/v1/projects/7?fields=name", kRoutes), "GET /api/v1/projects/{id}");
  EXPECT_EQ(route_of("POST", "/api/v1/projects/share", kRoutes), "POST /api/v1/projects/share");
  EXPECT_EQ(route_of("POST", "/api/v1/projects/${p}/folders", kRoutes), "POST /api/v1/projects/{id}/folders");
  EXPECT_EQ(route_of("POST", "/api/v1/projects/${p}", kRoutes), std::nullopt);
  EXPECT_EQ(route_of("GET", "/api/v1/projects", kRoutes), std::nullopt);
  EXPECT_EQ(route_of("GET", "/api/v1/projects/", kRoutes), std::nullopt);
}

TEST(RouteCoverage, NamesTheRoutesNoRowExercisesAndTheRowsWithoutARoute) {
  MatrixFile file;
  file.preamble.path = "a.matrix";
  for (const auto& [method, target] :
       {std::pair{"GET", "/api/v1/projects/${p}"}, std::pair{"POST", "/api/v1/projects"}}) {
    MatrixRow row;
    row.method = method;
    row.target = target;
    file.rows.push_back(row);
  }
  EXPECT_EQ(uncovered_routes(kRoutes, {file}),
            (std::vector<std::string>{"GET /tickets/{number}", "POST /api/v1/projects/share",
                                      "POST /api/v1/projects/{id}/folders"}));
  EXPECT_TRUE(rows_without_route(kRoutes, {file}).empty());
  MatrixRow typo;
  typo.line = 9;
  typo.method = "GET";
  typo.target = "/api/v1/project/${p}";
  file.rows.push_back(typo);
  EXPECT_EQ(rows_without_route(kRoutes, {file}),
            (std::vector<std::string>{"a.matrix:9: GET /api/v1/project/${p}"}));
}

}  // namespace
}  // namespace tandem::api_test
