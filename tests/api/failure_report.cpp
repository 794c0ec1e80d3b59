#include "failure_report.h"

#include <nlohmann/json.hpp>

#include "text_expansion.h"

namespace tandem::api_test {
namespace {

constexpr std::size_t kMaxLineChars = 240;
constexpr std::size_t kMaxLines = 80;

// Indents every line of `text` by four spaces, shortening long lines and cutting after kMaxLines.
std::string indented(std::string_view text) {
  std::string out;
  std::size_t count = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (++count > kMaxLines) {
      out += "    ... (" + std::to_string(text.size() + line.size()) + " more bytes)\n";
      break;
    }
    if (!line.empty()) out += "    ";
    if (line.size() > kMaxLineChars) {
      out.append(line.substr(0, kMaxLineChars)).append("... (" + std::to_string(line.size()) + " chars)");
    } else {
      out.append(line);
    }
    out += '\n';
  }
  return out;
}

std::string header_check_text(const HeaderCheck& check) {
  switch (check.kind) {
    case HeaderCheckKind::absent:
      return check.name + ": <absent>";
    case HeaderCheckKind::contains:
      return check.name + ": ~" + check.value;
    case HeaderCheckKind::matches:
      return check.name + ": <match " + check.value + ">";
    case HeaderCheckKind::equals:
      break;
  }
  return check.name + ": " + check.value;
}

std::string pretty_body(const std::string& body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || body.empty()) return body;
  return parsed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string describe_statuses(const std::vector<int>& statuses) {
  std::string text;
  for (const int status : statuses) {
    text +=
        (text.empty() ? "" : " or ") + (status == kClosed ? std::string("closed") : std::to_string(status));
  }
  return text;
}

std::string describe_request(std::string_view bytes, bool raw) {
  return indented(raw ? escape_bytes(bytes) : std::string(bytes));
}

std::string describe_expectation(const Expectation& expect) {
  std::string text = describe_statuses(expect.statuses) + '\n';
  for (const auto& check : expect.headers) text += header_check_text(check) + '\n';
  for (const auto& needle : expect.body_contains) text += "~ " + needle + '\n';
  for (const auto& needle : expect.body_excludes) text += "!~ " + needle + '\n';
  text += expect.json;
  return indented(text);
}

std::string describe_outcome(const HttpExchange& exchange) {
  if (!exchange.response) return indented("(no response: " + exchange.error + ")");
  const HttpResponse& response = *exchange.response;
  std::string text = std::to_string(response.status) + " " + response.reason + "\n";
  for (const auto& [name, value] : response.headers) text += name + ": " + value + "\n";
  text += "\n" + pretty_body(response.body);
  return indented(text);
}

}  // namespace tandem::api_test
