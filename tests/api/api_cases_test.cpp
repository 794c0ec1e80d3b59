// One test per case file under the cases folder, each against its own fresh `tandem serve`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "case_file.h"
#include "case_runner.h"
#include "server_process.h"

namespace tandem::api_test {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds kStartupTimeout{30};
constexpr std::chrono::seconds kShutdownTimeout{10};

fs::path from_env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return fs::absolute(value != nullptr && *value != '\0' ? value : fallback);
}

fs::path cases_folder() {
  return from_env("TANDEM_API_CASES", TANDEM_API_CASES_DIR);
}

// Every *.case file under the cases folder, sorted.
std::vector<fs::path> find_case_files() {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(cases_folder(), error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".case") files.push_back(entry.path());
  }
  std::ranges::sort(files);
  return files;
}

// "cases/tickets/create.case" -> "tickets_create".
std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  std::string name = fs::relative(info.param, cases_folder()).replace_extension().string();
  std::ranges::replace_if(
      name, [](unsigned char c) { return !std::isalnum(c); }, '_');
  return name;
}

class ApiCaseFile : public testing::TestWithParam<fs::path> {};

TEST_P(ApiCaseFile, Passes) {
  const fs::path binary = from_env("TANDEM_BIN", TANDEM_API_DEFAULT_BIN);
  ASSERT_TRUE(fs::exists(binary)) << "no tandem binary at " << binary << " (build it, or set TANDEM_BIN)";
  CaseFile file;
  try {
    file = parse_case_file(GetParam());
  } catch (const CaseSyntaxError& error) {
    FAIL() << error.what();
  }
  std::vector<std::vector<std::string>> setup;
  for (const auto& command : file.setup) setup.push_back(command.arguments);

  std::optional<ServerProcess> server;
  try {
    server.emplace(binary.string(), setup, file.environment, kStartupTimeout);
  } catch (const SetupCommandFailed& error) {
    ADD_FAILURE_AT(file.path.c_str(), file.setup[error.index].line) << error.what();
    return;
  } catch (const std::runtime_error& error) {
    FAIL() << file.path << ": " << error.what();
  }
  CaseRunner runner("127.0.0.1", server->port());
  for (const Case& c : file.cases) {
    if (auto failure = runner.run(c)) ADD_FAILURE_AT(file.path.c_str(), c.line) << *failure;
    if (const auto end = server->ended()) {
      FAIL() << "the server " << end->describe() << " during case \"" << c.title << "\" (" << file.path << ":"
             << c.line << "); the end of its log:\n"
             << server->log_tail();
    }
  }
  const ProcessEnd end = server->stop(kShutdownTimeout);
  EXPECT_TRUE(end.clean()) << "on SIGTERM the server " << end.describe()
                           << " (expected a graceful exit with code 0 within " << kShutdownTimeout.count()
                           << " s); the end of its log:\n"
                           << server->log_tail();
  if (HasFailure() && end.clean()) std::cout << "The end of the server log:\n" << server->log_tail();
}

INSTANTIATE_TEST_SUITE_P(Api, ApiCaseFile, testing::ValuesIn(find_case_files()), test_name);

}  // namespace
}  // namespace tandem::api_test
