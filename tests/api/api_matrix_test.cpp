// One test per matrix file under the matrix folder, each against its own fresh `tandem serve`, and a check
// that the matrix files together have a row for every route of the OpenAPI document.
#include <gtest/gtest.h>

#include <chrono>

#include "matrix_runner.h"
#include "route_coverage.h"
#include "test_support.h"

namespace tandem::api_test {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOpenApiPath = "/api/v1/openapi.json";

fs::path matrix_folder() {
  return path_from_env("TANDEM_API_MATRIX", TANDEM_API_MATRIX_DIR);
}

std::vector<fs::path> matrix_files() {
  return find_test_files(matrix_folder(), ".matrix");
}

std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  return test_file_name(info.param, matrix_folder());
}

class ApiMatrixFile : public testing::TestWithParam<fs::path> {};

TEST_P(ApiMatrixFile, EveryActorGetsTheExpectedAnswer) {
  MatrixFile file;
  try {
    file = parse_matrix_file(GetParam());
  } catch (const CaseSyntaxError& error) {
    FAIL() << error.what();
  }
  std::optional<ServerProcess> server;
  if (!start_server(file.preamble, server)) return;
  CaseRunner runner("127.0.0.1", server->port());
  if (!run_cases(file.preamble, runner, *server, [&](const Case& c) { return file.prepares_pending(c); }))
    return;
  if (HasFailure()) {
    ADD_FAILURE() << "the preamble failed, so the table was not run";
    return stop_server(*server);
  }
  const auto mismatches = run_matrix(file, runner);
  if (const auto end = server->ended())
    FAIL() << "the server " << end->describe() << " during the table; the end of its log:\n"
           << server->log_tail();
  EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " answers differ from " << file.preamble.path
                                  << ":\n"
                                  << mismatch_table(mismatches);
  stop_server(*server);
}

INSTANTIATE_TEST_SUITE_P(Api, ApiMatrixFile, testing::ValuesIn(matrix_files()), test_name);

// The OpenAPI document the server under test serves (docs/openapi.yaml, embedded at build time).
nlohmann::json served_document(ServerProcess& server) {
  const std::string request =
      "GET " + std::string(kOpenApiPath) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  const HttpExchange outcome = exchange("127.0.0.1", server.port(), request, std::chrono::seconds(10));
  if (!outcome.response || outcome.response->status != 200)
    return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(outcome.response->body, nullptr, false);
}

std::string indented_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += "  " + line + "\n";
  return text;
}

TEST(ApiMatrix, HasARowForEveryDocumentedRouteAndARouteForEveryRow) {
  std::vector<MatrixFile> files;
  for (const fs::path& path : matrix_files()) {
    try {
      files.push_back(parse_matrix_file(path));
    } catch (const CaseSyntaxError& error) {
      ADD_FAILURE() << error.what();
    }
  }
  std::optional<ServerProcess> server;
  if (!start_server(CaseFile{}, server)) return;
  const nlohmann::json document = served_document(*server);
  stop_server(*server);
  ASSERT_FALSE(document.is_discarded())
      << "the server did not serve its OpenAPI document at " << kOpenApiPath;
  const auto routes = documented_routes(document);
  const auto missing = uncovered_routes(routes, files);
  EXPECT_TRUE(missing.empty()) << missing.size() << " documented routes have no row in any file of "
                               << matrix_folder() << " (add one per route, see tests/api/README.md):\n"
                               << indented_lines(missing);
  const auto strays = rows_without_route(routes, files);
  EXPECT_TRUE(strays.empty()) << strays.size() << " rows exercise no route of docs/openapi.yaml:\n"
                              << indented_lines(strays);
}

}  // namespace
}  // namespace tandem::api_test
