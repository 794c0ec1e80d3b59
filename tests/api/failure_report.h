// The parts of a failed case's report, written for a reader who has never seen the case before.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "case_file.h"
#include "http_client.h"

namespace tandem::api_test {

/// The allowed statuses, e.g. "200" or "400 or closed".
std::string describe_statuses(const std::vector<int>& statuses);

/// The request as sent, indented, long lines shortened; RAW requests show their bytes escaped.
std::string describe_request(std::string_view bytes, bool raw);

/// The expected status, header checks, body checks and JSON, indented.
std::string describe_expectation(const Expectation& expect);

/// The response (status line, headers, body with JSON pretty-printed), or why there was none, indented.
std::string describe_outcome(const HttpExchange& exchange);

}  // namespace tandem::api_test
