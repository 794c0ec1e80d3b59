#include "matrix_runner.h"

#include <algorithm>
#include <array>

namespace tandem::api_test {
namespace {

constexpr std::string_view kMine = "my_";

// ${my_NAME} for `actor`: its own variable ACTOR_NAME, else the shared NAME.
Variables actor_variables(const Variables& captured, const std::string& actor) {
  Variables mine;
  const std::string prefix = actor + "_";
  for (const auto& [name, value] : captured) mine.emplace(std::string(kMine) + name, value);
  for (const auto& [name, value] : captured) {
    if (name.starts_with(prefix))
      mine.insert_or_assign(std::string(kMine) + name.substr(prefix.size()), value);
  }
  return mine;
}

// The request of `row`: the table's headers whose variables `actor` has, then its request block's.
RequestSpec row_request(const MatrixFile& file, const MatrixRow& row, const Variables& variables) {
  RequestSpec spec;
  spec.method = row.method;
  spec.target = row.target;
  spec.body = row.body;
  for (const auto& [name, value] : file.headers) {
    try {
      spec.headers.emplace_back(name, expand_variables(value, variables));
    } catch (const UndefinedVariable&) {
      continue;  // e.g. no CSRF token for an actor without a session
    }
  }
  if (const MatrixRequest* block = file.request(row.request)) {
    spec.headers.insert(spec.headers.end(), block->headers.begin(), block->headers.end());
    spec.body = block->body;
  }
  return spec;
}

std::string answer(const HttpExchange& outcome) {
  if (outcome.response) return std::to_string(outcome.response->status);
  return "no answer (" + outcome.error + ")";
}

}  // namespace

std::vector<MatrixMismatch> run_matrix(const MatrixFile& file, CaseRunner& runner) {
  std::vector<MatrixMismatch> mismatches;
  for (const MatrixRow& row : file.rows) {
    for (std::size_t k = 0; k < file.actors.size(); ++k) {
      const std::string& actor = file.actors[k];
      if (row.expect[k] == kNotApplicable || file.pending.contains(actor)) continue;
      const Variables mine = actor_variables(runner.variables(), actor);
      Variables all = runner.variables();
      all.insert(mine.begin(), mine.end());
      std::string got;
      try {
        got = answer(runner.send(row_request(file, row, all), actor, mine));
      } catch (const UndefinedVariable& error) {
        got = std::string("not sent: ") + error.what();
      }
      const std::string expected = std::to_string(row.expect[k]);
      if (got != expected)
        mismatches.push_back({row.line, row.method + " " + row.target, actor, expected, got});
    }
  }
  return mismatches;
}

std::string mismatch_table(const std::vector<MatrixMismatch>& mismatches) {
  using Line = std::array<std::string, 5>;
  std::vector<Line> lines{{"line", "request", "actor", "expected", "got"}};
  for (const auto& m : mismatches)
    lines.push_back({std::to_string(m.line), m.request, m.actor, m.expected, m.got});
  std::array<std::size_t, 5> widths{};
  for (const Line& line : lines)
    for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
  std::string table;
  for (const Line& line : lines) {
    for (std::size_t c = 0; c < widths.size(); ++c) {
      table += line[c];
      if (c + 1 < widths.size()) table += std::string(widths[c] - line[c].size() + 2, ' ');
    }
    table += "\n";
  }
  return table;
}

}  // namespace tandem::api_test
