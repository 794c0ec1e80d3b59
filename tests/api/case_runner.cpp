#include "case_runner.h"

#include <algorithm>
#include <regex>
#include <vector>

#include <nlohmann/json.hpp>

#include "failure_report.h"
#include "json_match.h"
#include "text_util.h"

namespace tandem::api_test {
namespace {

using nlohmann::json;

constexpr std::chrono::seconds kRequestTimeout{10};

bool has_header(const HeaderList& headers, std::string_view name) {
  return std::ranges::any_of(headers,
                             [&](const auto& field) { return equals_ignoring_case(field.first, name); });
}

bool satisfies(const HeaderCheck& check, const std::string& value) {
  switch (check.kind) {
    case HeaderCheckKind::equals:
      return value == check.value;
    case HeaderCheckKind::contains:
      return value.find(check.value) != std::string::npos;
    case HeaderCheckKind::matches:
      return std::regex_search(value, std::regex(check.value));
    case HeaderCheckKind::absent:
      break;
  }
  return false;
}

std::optional<std::string> header_problem(const HeaderCheck& check, const HttpResponse& response) {
  const std::vector<std::string> values = response.header_values(check.name);
  if (check.kind == HeaderCheckKind::absent) {
    if (values.empty()) return std::nullopt;
    return "header " + check.name + ": expected it to be absent, got \"" + values.front() + "\"";
  }
  try {
    if (std::ranges::any_of(values, [&](const std::string& value) { return satisfies(check, value); })) {
      return std::nullopt;
    }
  } catch (const std::regex_error& error) {
    return "header " + check.name + ": invalid pattern /" + check.value + "/: " + error.what();
  }
  const char* verb = check.kind == HeaderCheckKind::equals     ? "to be"
                     : check.kind == HeaderCheckKind::contains ? "to contain"
                                                               : "to match";
  std::string got = values.empty() ? "it is absent" : "got";
  for (const auto& value : values) got += " \"" + value + "\"";
  return "header " + check.name + ": expected " + verb + " \"" + check.value + "\", " + got;
}

std::string capture_value(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The body checks: `~` and `!~` texts, then the JSON subset against `body` (discarded when not JSON).
void check_body(const Expectation& expect, const HttpResponse& response, const json& body,
                std::vector<std::string>& problems) {
  for (const auto& needle : expect.body_contains) {
    if (response.body.find(needle) == std::string::npos)
      problems.push_back("body: does not contain \"" + needle + "\"");
  }
  for (const auto& needle : expect.body_excludes) {
    if (response.body.find(needle) != std::string::npos)
      problems.push_back("body: contains \"" + needle + "\"");
  }
  if (expect.json.empty()) return;
  const json expected = json::parse(expect.json, nullptr, false);
  if (expected.is_discarded()) {
    problems.push_back("the expected JSON does not parse once its variables are filled in");
  } else if (body.is_discarded()) {
    problems.push_back("body: not JSON");
  } else if (auto mismatch = find_mismatch(expected, body)) {
    problems.push_back("body " + *mismatch);
  }
}

// Everything that differs between `expect` and `outcome`; empty when the response is as expected.
std::vector<std::string> check_outcome(const Expectation& expect, const HttpExchange& outcome,
                                       const json& body) {
  std::vector<std::string> problems;
  const auto& statuses = expect.statuses;
  if (!outcome.response) {
    const bool may_close = std::ranges::find(statuses, kClosed) != statuses.end();
    if (!(outcome.closed_without_response && may_close)) problems.push_back("no response: " + outcome.error);
    return problems;
  }
  const HttpResponse& response = *outcome.response;
  if (std::ranges::find(statuses, response.status) == statuses.end()) {
    problems.push_back("status: expected " + describe_statuses(statuses) + ", got " +
                       std::to_string(response.status));
  }
  for (const auto& check : expect.headers) {
    if (auto problem = header_problem(check, response)) problems.push_back(std::move(*problem));
  }
  check_body(expect, response, body, problems);
  return problems;
}

}  // namespace

std::optional<std::string> CaseRunner::run(const Case& c) {
  for (int attempt = 1; attempt <= c.repeat; ++attempt) {
    if (auto failure = run_once(c)) {
      const std::string which =
          c.repeat > 1 ? " (attempt " + std::to_string(attempt) + " of " + std::to_string(c.repeat) + ")"
                       : "";
      return "case \"" + c.title + "\"" + which + " failed:\n" + *failure;
    }
  }
  return std::nullopt;
}

std::optional<std::string> CaseRunner::run_once(const Case& c) {
  CookieJar anonymous;
  CookieJar& jar = c.jar == kAnonymousJar ? anonymous : jars_[c.jar];
  std::string bytes;
  Expectation expect;
  try {
    bytes = build_request(c.request, jar, variables_);
    expect = expand_expectation(c.expect);
  } catch (const UndefinedVariable& error) {
    return "  " + explain_undefined(error) + "\n";
  }

  const HttpExchange outcome = exchange(host_, port_, bytes, kRequestTimeout);
  const json body =
      outcome.response ? json::parse(outcome.response->body, nullptr, false) : json(json::value_t::discarded);
  if (outcome.response) jar.update(*outcome.response);
  std::vector<std::string> problems = check_outcome(expect, outcome, body);
  for (const auto& capture : expect.captures) {
    const json* value = problems.empty() && !body.is_discarded() ? find_path(body, capture.path) : nullptr;
    if (value == nullptr) {
      failed_captures_[capture.name] = capture.line;
      if (problems.empty())
        problems.push_back("capture " + capture.name + ": the body has no `" + capture.path + "`");
      continue;
    }
    variables_[capture.name] = capture_value(*value);
    failed_captures_.erase(capture.name);
  }
  if (problems.empty()) return std::nullopt;

  std::string report;
  for (const auto& problem : problems) report += "  " + problem + "\n";
  return report + "request:\n" + describe_request(bytes, c.request.raw) + "expected:\n" +
         describe_expectation(expect) + "actual:\n" + describe_outcome(outcome);
}

HttpExchange CaseRunner::send(const RequestSpec& request, const std::string& jar, const Variables& extra) {
  CookieJar anonymous;
  const CookieJar& cookies = jar == kAnonymousJar ? anonymous : jars_[jar];
  Variables variables = variables_;
  for (const auto& [name, value] : extra) variables.insert_or_assign(name, value);
  return exchange(host_, port_, build_request(request, cookies, variables), kRequestTimeout);
}

Expectation CaseRunner::expand_expectation(Expectation expect) const {
  for (auto& check : expect.headers) check.value = expand_variables(check.value, variables_);
  for (auto& needle : expect.body_contains) needle = expand_variables(needle, variables_);
  for (auto& needle : expect.body_excludes) needle = expand_variables(needle, variables_);
  expect.json = expand_variables(expect.json, variables_);
  return expect;
}

std::string CaseRunner::build_request(const RequestSpec& spec, const CookieJar& jar,
                                      const Variables& variables) const {
  if (spec.raw) return expand_variables(spec.body, variables);
  HeaderList headers;
  for (const auto& [name, value] : spec.headers)
    headers.emplace_back(name, expand_variables(value, variables));
  if (!has_header(headers, "Host"))
    headers.emplace(headers.begin(), "Host", host_ + ":" + std::to_string(port_));
  const std::string body = expand_variables(spec.body, variables);
  const auto add_unless_given = [&](std::string_view name, std::string value) {
    if (!has_header(headers, name)) headers.emplace_back(std::string(name), std::move(value));
  };
  if (body.starts_with('{') || body.starts_with('[')) add_unless_given("Content-Type", "application/json");
  const bool sends_body =
      !body.empty() || spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH";
  if (sends_body && !has_header(headers, "Transfer-Encoding"))
    add_unless_given("Content-Length", std::to_string(body.size()));
  if (const std::string cookies = jar.header(); !cookies.empty()) add_unless_given("Cookie", cookies);
  add_unless_given("Connection", "close");
  return serialize_request(spec.method, expand_variables(spec.target, variables), headers, body);
}

std::string CaseRunner::explain_undefined(const UndefinedVariable& error) const {
  const auto failed = failed_captures_.find(error.name());
  if (failed == failed_captures_.end()) {
    return std::string(error.what()) + ": no earlier case captures it (`capture " + error.name() +
           " = path`)";
  }
  return std::string(error.what()) + ": the case that captures it (line " + std::to_string(failed->second) +
         ") failed";
}

}  // namespace tandem::api_test
