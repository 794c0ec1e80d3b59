#include "case_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <regex>
#include <span>
#include <sstream>

#include <nlohmann/json.hpp>

#include "text_expansion.h"
#include "text_util.h"

namespace tandem::api_test {
namespace {

struct Line {
  int number = 0;
  std::string_view text;
};

std::string_view trim_right(std::string_view text) {
  const auto last = text.find_last_not_of(" \t");
  return last == std::string_view::npos ? std::string_view{} : text.substr(0, last + 1);
}

bool is_blank(const Line& line) {
  return trim(line.text).empty();
}
bool is_comment(std::string_view text) {
  return trim(text).starts_with('#');
}
bool is_case_start(std::string_view text) {
  return text.starts_with("===");
}
bool is_separator(std::string_view text) {
  return trim(text) == "---";
}

// `Name: value` where Name is an HTTP token made of letters, digits and '-'.
bool is_header_line(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  const bool token = std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon),
                                 [](unsigned char c) { return std::isalnum(c) || c == '-'; });
  return token && (colon + 1 == text.size() || text[colon + 1] == ' ' || text[colon + 1] == '\t');
}

bool is_identifier(std::string_view text) {
  return !text.empty() && !std::isdigit(static_cast<unsigned char>(text[0])) &&
         std::ranges::all_of(text, [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::pair<std::string, std::string> split_header(std::string_view text) {
  const auto colon = text.find(':');
  return {std::string(text.substr(0, colon)), std::string(trim(text.substr(colon + 1)))};
}

// Splits off the first blank-separated word; `rest` gets the trimmed remainder.
std::string_view first_word(std::string_view text, std::string_view& rest) {
  text = trim(text);
  const auto space = text.find_first_of(" \t");
  rest = space == std::string_view::npos ? std::string_view{} : trim(text.substr(space));
  return text.substr(0, space);
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

class Parser {
 public:
  Parser(std::string_view text, std::string path) : path_(std::move(path)) {
    int number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      auto end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      if (line.ends_with('\r')) line.remove_suffix(1);
      ++number;
      if (!is_comment(line)) lines_.push_back({number, line});
      pos = end + 1;
    }
  }

  CaseFile parse() {
    CaseFile file;
    file.path = path_;
    std::size_t i = 0;
    for (; i < lines_.size() && !is_case_start(lines_[i].text); ++i) {
      if (is_blank(lines_[i])) continue;
      std::string_view rest;
      if (first_word(lines_[i].text, rest) == "env")
        file.environment.push_back(parse_env(lines_[i], rest));
      else
        file.setup.push_back(parse_setup(lines_[i]));
    }
    while (i < lines_.size()) {
      std::size_t end = i + 1;
      while (end < lines_.size() && !is_case_start(lines_[end].text)) ++end;
      file.cases.push_back(parse_case(std::span(lines_).subspan(i, end - i)));
      i = end;
    }
    if (file.cases.empty())
      fail(lines_.empty() ? 1 : lines_.back().number, "no cases (a case starts with `=== title`)");
    return file;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw CaseSyntaxError(path_ + ":" + std::to_string(line) + ": " + message);
  }

  // `env NAME=VALUE`: a variable for the server process and the setup commands.
  std::pair<std::string, std::string> parse_env(const Line& line, std::string_view assignment) const {
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || !is_identifier(assignment.substr(0, eq)))
      fail(line.number, "`env` needs NAME=VALUE, e.g. `env TANDEM_MAX_FILE_BYTES=1024`");
    return {std::string(assignment.substr(0, eq)), std::string(assignment.substr(eq + 1))};
  }

  SetupCommand parse_setup(const Line& line) const {
    std::string_view rest;
    if (first_word(line.text, rest) != "setup") {
      fail(line.number,
           "expected `setup ARGUMENTS...`, `env NAME=VALUE` or `=== title`, got: " + std::string(line.text));
    }
    try {
      SetupCommand command{line.number, split_arguments(rest)};
      if (command.arguments.empty()) fail(line.number, "`setup` needs the arguments of a tandem command");
      return command;
    } catch (const std::invalid_argument& error) {
      fail(line.number, error.what());
    }
  }

  // `lines` starts with the `===` line and runs up to the next case.
  Case parse_case(std::span<const Line> lines) const {
    Case result;
    result.line = lines[0].number;
    result.title = std::string(trim(lines[0].text.substr(3)));
    if (result.title.empty()) fail(result.line, "a case needs a title: `=== what it shows`");
    const auto separator =
        std::ranges::find_if(lines, [](const Line& line) { return is_separator(line.text); });
    if (separator == lines.end())
      fail(result.line, "case \"" + result.title + "\" has no `---` before its expected response");
    const auto split = static_cast<std::size_t>(separator - lines.begin());
    parse_request(lines.subspan(1, split - 1), result);
    parse_expectation(lines.subspan(split + 1), separator->number, result.expect);
    return result;
  }

  void parse_request(std::span<const Line> lines, Case& result) const {
    std::size_t i = 0;
    bool crlf = false;
    for (; i < lines.size(); ++i) {  // blank lines and the `as` / `repeat` / `crlf` modifiers
      if (is_blank(lines[i])) continue;
      std::string_view argument;
      const std::string_view word = first_word(lines[i].text, argument);
      if (word == "as") {
        if (!is_identifier(argument)) fail(lines[i].number, "`as` needs a session name, e.g. `as agent`");
        result.jar = std::string(argument);
      } else if (word == "repeat") {
        const auto count = parse_int(argument);
        if (!count || *count < 1) fail(lines[i].number, "`repeat` needs a count of at least 1");
        result.repeat = *count;
      } else if (word == "crlf" && argument.empty()) {
        crlf = true;
      } else if (word == "setup") {
        fail(lines[i].number, "`setup` lines must come before the first case");
      } else {
        break;
      }
    }
    if (i == lines.size())
      fail(result.line, "case \"" + result.title + "\" has no request (e.g. `GET /healthz`)");
    const Line& request_line = lines[i];
    std::string_view target;
    const std::string_view method = first_word(request_line.text, target);
    const auto rest = lines.subspan(i + 1);
    if (method == "RAW" && target.empty()) {
      parse_raw(rest, request_line.number, result.request);
      return;
    }
    const bool valid_method =
        !method.empty() && std::ranges::all_of(method, [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!valid_method || target.empty() || target.find_first_of(" \t") != std::string_view::npos) {
      fail(request_line.number,
           "expected a request line like `GET /path` or `RAW`, got: " + std::string(request_line.text));
    }
    result.request.method = std::string(method);
    result.request.target = expand(target, request_line.number);
    parse_headers_and_body(rest, crlf, result.request);
  }

  // With `crlf`, body lines are joined by CRLF instead of LF and may use the RAW escapes.
  void parse_headers_and_body(std::span<const Line> lines, bool crlf, RequestSpec& request) const {
    std::size_t i = 0;
    for (; i < lines.size() && is_header_line(lines[i].text); ++i) {
      auto [name, value] = split_header(lines[i].text);
      request.headers.emplace_back(std::move(name), expand(value, lines[i].number));
    }
    while (i < lines.size() && is_blank(lines[i])) ++i;
    std::size_t end = lines.size();
    while (end > i && is_blank(lines[end - 1])) --end;
    std::string body;
    for (std::size_t j = i; j < end; ++j) {
      if (j > i) body += crlf ? "\r\n" : "\n";
      body += crlf ? decode(expand(lines[j].text, lines[j].number), lines[j].number)
                   : expand(lines[j].text, lines[j].number);
    }
    request.body = std::move(body);
  }

  void parse_raw(std::span<const Line> lines, int raw_line, RequestSpec& request) const {
    request.raw = true;
    for (const Line& line : lines)
      request.body += decode(expand(trim_right(line.text), line.number), line.number);
    if (request.body.empty()) fail(raw_line, "RAW needs the bytes to send on the lines below it");
  }

  std::string decode(std::string_view text, int line) const {
    try {
      return decode_escapes(text);
    } catch (const std::invalid_argument& error) {
      fail(line, error.what());
    }
  }

  std::string expand(std::string_view text, int line) const {
    try {
      return expand_repeats(text);
    } catch (const std::invalid_argument& error) {
      fail(line, error.what());
    }
  }

  void parse_expectation(std::span<const Line> lines, int separator_line, Expectation& expect) const {
    std::size_t i = 0;
    while (i < lines.size() && is_blank(lines[i])) ++i;
    if (i == lines.size())
      fail(separator_line, "expected a status after `---`, e.g. `200` or `400 or closed`");
    expect.statuses = parse_statuses(lines[i]);
    std::string json;
    for (++i; i < lines.size(); ++i) {
      const Line& line = lines[i];
      const std::string_view text = trim(line.text);
      std::string_view rest;
      const std::string_view word = first_word(text, rest);
      if (word == "capture") {
        expect.captures.push_back(parse_capture(line, rest));
      } else if (text.starts_with('~')) {
        expect.body_contains.emplace_back(trim(text.substr(1)));
      } else if (text.starts_with("!~")) {
        expect.body_excludes.emplace_back(trim(text.substr(2)));
      } else if (!json.empty() || text.starts_with('{') || text.starts_with('[')) {
        if (json.empty()) expect.json_line = line.number;
        json.append(line.text).append("\n");
      } else if (is_header_line(text)) {
        expect.headers.push_back(parse_header_check(text));
      } else if (!text.empty()) {
        fail(line.number,
             "unexpected line in the expected response: " + std::string(text) +
                 "\n(expected `Name: value`, `~ text`, `!~ text`, a JSON value, or `capture NAME = path`)");
      }
    }
    expect.json = std::string(trim(json));
    check_json(expect);
  }

  // `STATUS [or STATUS]...` where STATUS is a code from 100 to 599 or `closed`.
  std::vector<int> parse_statuses(const Line& line) const {
    std::vector<int> statuses;
    std::string_view rest = line.text;
    bool valid = true;
    for (std::size_t k = 0; valid && !trim(rest).empty(); ++k) {
      const std::string_view word = first_word(rest, rest);
      const auto status = parse_int(word);
      if (k % 2 == 1) {
        valid = word == "or";
      } else if (word == "closed") {
        statuses.push_back(kClosed);
      } else if (status && *status >= 100 && *status <= 599) {
        statuses.push_back(*status);
      } else {
        valid = false;
      }
    }
    if (!valid || statuses.empty() || trim(line.text).ends_with(" or")) {
      fail(line.number,
           "expected a status like `200` or `400 or closed`, got: " + std::string(trim(line.text)));
    }
    return statuses;
  }

  static HeaderCheck parse_header_check(std::string_view text) {
    auto [name, value] = split_header(text);
    const std::string_view view = value;
    if (view == "<absent>") return {std::move(name), HeaderCheckKind::absent, {}};
    if (view.starts_with('~'))
      return {std::move(name), HeaderCheckKind::contains, std::string(trim(view.substr(1)))};
    if (view.starts_with("<match ") && view.ends_with('>')) {
      return {std::move(name), HeaderCheckKind::matches, std::string(view.substr(7, view.size() - 8))};
    }
    return {std::move(name), HeaderCheckKind::equals, std::move(value)};
  }

  Capture parse_capture(const Line& line, std::string_view rest) const {
    const auto equals = rest.find('=');
    const std::string_view name = trim(rest.substr(0, equals));
    const std::string_view path =
        equals == std::string_view::npos ? std::string_view{} : trim(rest.substr(equals + 1));
    if (!is_identifier(name) || path.empty() || path.find_first_of(" \t") != std::string_view::npos) {
      fail(line.number, "expected `capture NAME = path.in.body`, got: " + std::string(trim(line.text)));
    }
    return {line.number, std::string(name), std::string(path)};
  }

  // Expected JSON is expanded at run time; here every ${NAME} stands in as 0 to catch syntax errors early.
  void check_json(const Expectation& expect) const {
    if (expect.json.empty()) return;
    static const std::regex variable(R"(\$\{[A-Za-z0-9_]+\})");
    try {
      [[maybe_unused]] const auto parsed =
          nlohmann::json::parse(std::regex_replace(expect.json, variable, "0"));
    } catch (const nlohmann::json::parse_error& error) {
      fail(expect.json_line, std::string("the expected JSON does not parse: ") + error.what());
    }
  }

  std::string path_;
  std::vector<Line> lines_;
};

}  // namespace

CaseFile parse_case_text(std::string_view text, const std::string& path) {
  return Parser(text, path).parse();
}

std::string read_test_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CaseSyntaxError(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CaseFile parse_case_file(const std::filesystem::path& path) {
  return parse_case_text(read_test_file(path), path.string());
}

std::vector<std::string> split_arguments(std::string_view text) {
  std::vector<std::string> arguments;
  std::string current;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      if (in_word) arguments.push_back(std::exchange(current, {}));
      in_word = false;
      continue;
    }
    in_word = true;
    if (c != '"' && c != '\'') {
      current += c;
      continue;
    }
    for (++i; i < text.size() && text[i] != c; ++i) {
      if (c == '"' && text[i] == '\\' && i + 1 < text.size()) ++i;
      current += text[i];
    }
    if (i == text.size()) throw std::invalid_argument("unterminated quote");
  }
  if (in_word) arguments.push_back(std::move(current));
  return arguments;
}

}  // namespace tandem::api_test
