// What the case-file and matrix-file tests share: finding their files and the binary, and running a server
// through a file's setup and preamble cases.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "case_file.h"
#include "case_runner.h"
#include "server_process.h"

namespace tandem::api_test {

/// The path in environment variable `name`, else `fallback`, made absolute.
std::filesystem::path path_from_env(const char* name, const char* fallback);

/// Every file under `folder` whose name ends with `extension` (e.g. ".case"), sorted.
std::vector<std::filesystem::path> find_test_files(const std::filesystem::path& folder,
                                                   std::string_view extension);

/// A gtest parameter name for `file`: its path under `folder` without extension, other than letters and
/// digits replaced by '_' ("tickets/create.case" -> "tickets_create").
std::string test_file_name(const std::filesystem::path& file, const std::filesystem::path& folder);

/// Starts the tandem under test (TANDEM_BIN, else this build's) with the setup and environment of `file`
/// into `server`. Returns false, after adding a gtest failure that says why, when it cannot.
bool start_server(const CaseFile& file, std::optional<ServerProcess>& server);

/// Runs the cases of `file` in order, except those `skip` accepts, adding a gtest failure for each that
/// fails. Returns false, after a failure with the end of the server's log, when the server stopped.
bool run_cases(const CaseFile& file, CaseRunner& runner, ServerProcess& server,
               const std::function<bool(const Case&)>& skip = {});

/// Stops the server, expecting a graceful exit; prints the end of its log when the test has failed.
void stop_server(ServerProcess& server);

}  // namespace tandem::api_test
