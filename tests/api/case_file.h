// A case file (syntax in README.md): setup commands, then cases of one request and its expected response.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http_client.h"

namespace tandem::api_test {

inline constexpr std::string_view kDefaultJar = "default";
inline constexpr std::string_view kAnonymousJar = "anonymous";  // a fresh, empty jar for every request
inline constexpr int kClosed = 0;  // an expected "status": the server closes the connection without answering

/// A `setup` line: arguments for the tandem binary, to which the runner appends `--data DIR`.
struct SetupCommand {
  int line = 0;
  std::vector<std::string> arguments;
};

struct RequestSpec {
  bool raw = false;    // a RAW block: `body` holds every byte to send, nothing is added
  std::string method;  // the rest describe a normal request
  std::string target;
  HeaderList headers;
  std::string body;
};

enum class HeaderCheckKind { equals, contains, matches, absent };

struct HeaderCheck {
  std::string name;
  HeaderCheckKind kind = HeaderCheckKind::equals;
  std::string value;  // the text, or the pattern for `matches`
};

struct Capture {
  int line = 0;
  std::string name;
  std::string path;  // dotted path into the response body
};

/// The expected response. Its texts may hold ${NAME}; CaseRunner expands them before checking.
struct Expectation {
  std::vector<int> statuses;  // any one of them; kClosed allows a close without a response
  std::vector<HeaderCheck> headers;
  std::vector<std::string> body_contains;
  std::vector<std::string> body_excludes;
  std::string json;  // the expected JSON subset; empty when the body is not checked
  int json_line = 0;
  std::vector<Capture> captures;
};

struct Case {
  int line = 0;  // the line of its `===`
  std::string title;
  std::string jar{kDefaultJar};
  int repeat = 1;
  RequestSpec request;
  Expectation expect;
};

struct CaseFile {
  std::string path;
  std::vector<std::pair<std::string, std::string>> environment;  // `env NAME=VALUE` lines
  std::vector<SetupCommand> setup;
  std::vector<Case> cases;
};

/// A mistake in a case file; the message starts with "path:line: ".
class CaseSyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses the text of a case file; `path` only names it in errors. Throws CaseSyntaxError.
CaseFile parse_case_text(std::string_view text, const std::string& path);

/// The whole text of the file at `path`. Throws CaseSyntaxError when it cannot be read.
std::string read_test_file(const std::filesystem::path& path);

/// Reads and parses the case file at `path`. Throws CaseSyntaxError, also when it cannot be read.
CaseFile parse_case_file(const std::filesystem::path& path);

/// Splits a command line like a shell: blanks separate, '...' and "..." group, backslash escapes in "...".
/// Throws std::invalid_argument on an unterminated quote.
std::vector<std::string> split_arguments(std::string_view text);

}  // namespace tandem::api_test
