// One test per case file under the cases folder, each against its own fresh `tandem serve`.
#include <gtest/gtest.h>

#include "test_support.h"

namespace tandem::api_test {
namespace {

namespace fs = std::filesystem;

fs::path cases_folder() {
  return path_from_env("TANDEM_API_CASES", TANDEM_API_CASES_DIR);
}

std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  return test_file_name(info.param, cases_folder());
}

class ApiCaseFile : public testing::TestWithParam<fs::path> {};

TEST_P(ApiCaseFile, Passes) {
  CaseFile file;
  try {
    file = parse_case_file(GetParam());
  } catch (const CaseSyntaxError& error) {
    FAIL() << error.what();
  }
  std::optional<ServerProcess> server;
  if (!start_server(file, server)) return;
  CaseRunner runner("127.0.0.1", server->port());
  if (!run_cases(file, runner, *server)) return;
  stop_server(*server);
}

INSTANTIATE_TEST_SUITE_P(Api, ApiCaseFile, testing::ValuesIn(find_test_files(cases_folder(), ".case")),
                         test_name);

}  // namespace
}  // namespace tandem::api_test
