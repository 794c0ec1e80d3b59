#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <iostream>

namespace tandem::api_test {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds kStartupTimeout{30};
constexpr std::chrono::seconds kShutdownTimeout{10};

}  // namespace

fs::path path_from_env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return fs::absolute(value != nullptr && *value != '\0' ? value : fallback);
}

std::vector<fs::path> find_test_files(const fs::path& folder, std::string_view extension) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(folder, error)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::ranges::sort(files);
  return files;
}

std::string test_file_name(const fs::path& file, const fs::path& folder) {
  std::string name = fs::relative(file, folder).replace_extension().string();
  std::ranges::replace_if(
      name, [](unsigned char c) { return !std::isalnum(c); }, '_');
  return name;
}

bool start_server(const CaseFile& file, std::optional<ServerProcess>& server) {
  const fs::path binary = path_from_env("TANDEM_BIN", TANDEM_API_DEFAULT_BIN);
  if (!fs::exists(binary)) {
    ADD_FAILURE() << "no tandem binary at " << binary << " (build it, or set TANDEM_BIN)";
    return false;
  }
  std::vector<std::vector<std::string>> setup;
  for (const auto& command : file.setup) setup.push_back(command.arguments);
  try {
    server.emplace(binary.string(), setup, file.environment, kStartupTimeout);
  } catch (const SetupCommandFailed& error) {
    ADD_FAILURE_AT(file.path.c_str(), file.setup[error.index].line) << error.what();
    return false;
  } catch (const std::runtime_error& error) {
    ADD_FAILURE() << file.path << ": " << error.what();
    return false;
  }
  return true;
}

bool run_cases(const CaseFile& file, CaseRunner& runner, ServerProcess& server,
               const std::function<bool(const Case&)>& skip) {
  for (const Case& c : file.cases) {
    if (skip && skip(c)) continue;
    if (auto failure = runner.run(c)) ADD_FAILURE_AT(file.path.c_str(), c.line) << *failure;
    if (const auto end = server.ended()) {
      ADD_FAILURE() << "the server " << end->describe() << " during case \"" << c.title << "\" (" << file.path
                    << ":" << c.line << "); the end of its log:\n"
                    << server.log_tail();
      return false;
    }
  }
  return true;
}

void stop_server(ServerProcess& server) {
  const ProcessEnd end = server.stop(kShutdownTimeout);
  EXPECT_TRUE(end.clean()) << "on SIGTERM the server " << end.describe()
                           << " (expected a graceful exit with code 0 within " << kShutdownTimeout.count()
                           << " s); the end of its log:\n"
                           << server.log_tail();
  if (testing::Test::HasFailure() && end.clean())
    std::cout << "The end of the server log:\n" << server.log_tail();
}

}  // namespace tandem::api_test
