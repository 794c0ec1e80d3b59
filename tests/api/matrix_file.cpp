#include "matrix_file.h"

#include <algorithm>
#include <charconv>

#include "text_util.h"

namespace tandem::api_test {
namespace {

// The blank-separated words of `text`, each a view into it.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> result;
  std::size_t pos = 0;
  while (true) {
    pos = text.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) break;
    const auto end = std::min(text.find_first_of(" \t", pos), text.size());
    result.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return result;
}

bool is_name(std::string_view text) {
  return !text.empty() &&
         std::ranges::all_of(text, [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

class TableParser {
 public:
  TableParser(std::string path, MatrixFile& file) : path_(std::move(path)), file_(file) {}

  // `lines` are the file's lines from the `matrix` line on; `first` is the number of that line.
  void parse(const std::vector<std::string_view>& lines, int first) {
    parse_actors(lines[0], first);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const int number = first + static_cast<int>(i);
      const std::string_view text = trim(lines[i]);
      if (text.empty() || text.starts_with('#')) continue;
      const std::vector<std::string_view> parts = words(text);
      if (parts[0] == "pending") {
        parse_pending(parts, number);
      } else if (parts[0] == "header") {
        parse_header(text.substr(parts[0].size()), number);
      } else if (parts[0] == "request") {
        i = parse_request_block(lines, i, first);
      } else {
        file_.rows.push_back(parse_row(text, parts, number));
      }
    }
    if (file_.rows.empty()) fail(first, "the matrix has no rows (e.g. `GET /api/v1/me - 200 ... 401`)");
  }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw CaseSyntaxError(path_ + ":" + std::to_string(line) + ": " + message);
  }

  void parse_actors(std::string_view text, int number) {
    const auto parts = words(text);
    for (std::size_t k = 1; k < parts.size(); ++k) {
      if (!is_name(parts[k]))
        fail(number, "an actor name is letters, digits and '_', got: " + std::string(parts[k]));
      if (std::ranges::find(file_.actors, parts[k]) != file_.actors.end())
        fail(number, "actor " + std::string(parts[k]) + " appears twice");
      file_.actors.emplace_back(parts[k]);
    }
    if (file_.actors.empty()) fail(number, "`matrix` needs the actor names, e.g. `matrix admin anonymous`");
  }

  void parse_pending(const std::vector<std::string_view>& parts, int number) {
    for (std::size_t k = 1; k < parts.size(); ++k) {
      if (std::ranges::find(file_.actors, parts[k]) == file_.actors.end())
        fail(number, "`pending` names an actor that is not a column: " + std::string(parts[k]));
      file_.pending.emplace(parts[k]);
    }
  }

  void parse_header(std::string_view field, int number) {
    field = trim(field);
    const auto colon = field.find(':');
    if (colon == 0 || colon == std::string_view::npos)
      fail(number, "expected `header Name: value`, got: header " + std::string(field));
    file_.headers.emplace_back(std::string(trim(field.substr(0, colon))),
                               std::string(trim(field.substr(colon + 1))));
  }

  // A `request NAME` block up to its `end` line, parsed as the headers and body of a case's request.
  // Returns the index of the `end` line.
  std::size_t parse_request_block(const std::vector<std::string_view>& lines, std::size_t start, int first) {
    const int number = first + static_cast<int>(start);
    const auto parts = words(lines[start]);
    if (parts.size() != 2 || !is_name(parts[1])) fail(number, "expected `request NAME`");
    if (file_.request(parts[1]) != nullptr)
      fail(number, "request " + std::string(parts[1]) + " is defined twice");
    std::string text = "=== " + std::string(parts[1]) + "\n";
    std::size_t i = start + 1;
    if (i < lines.size() && trim(lines[i]) == "crlf") text += std::string(lines[i++]) + "\n";
    text += "GET /\n";
    for (; i < lines.size() && trim(lines[i]) != "end"; ++i) text += std::string(lines[i]) + "\n";
    if (i == lines.size()) fail(number, "request " + std::string(parts[1]) + " has no `end` line");
    text += "---\n200\n";
    const CaseFile block = parse_case_text(text, path_ + ":" + std::to_string(number) + " (request block)");
    const RequestSpec& spec = block.cases.front().request;
    file_.requests.push_back({std::string(parts[1]), spec.headers, spec.body});
    return i;
  }

  // `METHOD /path BODY CELL...`: BODY is `-`, `@NAME` or inline text; one CELL per actor.
  MatrixRow parse_row(std::string_view text, const std::vector<std::string_view>& parts, int number) const {
    const std::size_t cells = file_.actors.size();
    if (parts.size() < cells + 3) {
      fail(number, "expected `METHOD /path BODY` and " + std::to_string(cells) +
                       " expected answers (BODY is - when there is none), got: " + std::string(text));
    }
    MatrixRow row;
    row.line = number;
    row.method = parts[0];
    row.target = parts[1];
    if (!std::ranges::all_of(row.method, [](char c) { return c >= 'A' && c <= 'Z'; }) ||
        !row.target.starts_with('/'))
      fail(number, "a row starts with `METHOD /path`, got: " + std::string(text));
    const std::string_view* cell = parts.data() + (parts.size() - cells);
    for (std::size_t k = 0; k < cells; ++k) row.expect.push_back(parse_cell(cell[k], number));
    const auto body_begin = static_cast<std::size_t>(parts[2].data() - text.data());
    const auto body_end = static_cast<std::size_t>(cell[-1].data() + cell[-1].size() - text.data());
    const std::string_view body = text.substr(body_begin, body_end - body_begin);
    if (body.starts_with('@')) {
      if (file_.request(body.substr(1)) == nullptr)
        fail(number, "no `request " + std::string(body.substr(1)) + "` block above this row");
      row.request = body.substr(1);
    } else if (body != "-") {
      row.body = body;
    }
    return row;
  }

  int parse_cell(std::string_view cell, int number) const {
    if (cell == "-") return kNotApplicable;
    int status = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), status);
    if (ec != std::errc() || end != cell.data() + cell.size() || status < 100 || status > 599)
      fail(number, "an expected answer is a status (e.g. 404) or -, got: " + std::string(cell));
    return status;
  }

  std::string path_;
  MatrixFile& file_;
};

}  // namespace

bool MatrixFile::prepares_pending(const Case& c) const {
  return std::ranges::any_of(
      pending, [&](const std::string& actor) { return c.jar == actor || c.title.starts_with(actor + ":"); });
}

const MatrixRequest* MatrixFile::request(std::string_view name) const {
  const auto found = std::ranges::find(requests, name, &MatrixRequest::name);
  return found == requests.end() ? nullptr : &*found;
}

MatrixFile parse_matrix_text(std::string_view text, const std::string& path) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= text.size();) {
    const auto end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    pos = end + 1;
  }
  const auto table = std::ranges::find_if(lines, [](std::string_view line) {
    const auto parts = words(line);
    return parts.size() > 1 && parts[0] == "matrix" && line.starts_with("matrix");
  });
  if (table == lines.end()) throw CaseSyntaxError(path + ": no `matrix ACTOR...` line starts the table");
  const auto preamble_size = static_cast<std::size_t>(table->data() - text.data());
  MatrixFile file;
  file.preamble = parse_case_text(text.substr(0, preamble_size), path);
  TableParser(path, file).parse({table, lines.end()}, static_cast<int>(table - lines.begin()) + 1);
  return file;
}

MatrixFile parse_matrix_file(const std::filesystem::path& path) {
  return parse_matrix_text(read_test_file(path), path.string());
}

}  // namespace tandem::api_test
