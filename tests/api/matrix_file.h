// A matrix file (syntax in README.md): a case-file preamble that builds the world and signs the actors in,
// then a table of endpoint rows with the status each actor should get.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "case_file.h"

namespace tandem::api_test {

inline constexpr int kNotApplicable = 0;  // a `-` cell: the row is not sent for that actor

/// One table line: a request and the status expected for each actor, in the order of the `matrix` line.
struct MatrixRow {
  int line = 0;
  std::string method;
  std::string target;       // may hold ${NAME} and ${my_NAME}
  std::string request;      // the `request NAME` block the body cell names with `@NAME`, or empty
  std::string body;         // an inline body, or empty
  std::vector<int> expect;  // per actor; kNotApplicable for `-`
};

/// A `request NAME` ... `end` block: headers and a body that rows reuse with `@NAME`.
struct MatrixRequest {
  std::string name;
  HeaderList headers;
  std::string body;
};

struct MatrixFile {
  CaseFile preamble;
  std::vector<std::string> actors;             // the columns; an actor's cookie jar has its name
  std::set<std::string, std::less<>> pending;  // actors listed on a `pending` line: their cells are skipped
  HeaderList headers;                          // `header Name: value` lines, sent with every row
  std::vector<MatrixRequest> requests;
  std::vector<MatrixRow> rows;

  /// True when the preamble case `c` prepares a pending actor: it runs `as` one, or its title starts with
  /// "ACTOR:" for one.
  bool prepares_pending(const Case& c) const;
  /// The request block called `name`, or nullptr.
  const MatrixRequest* request(std::string_view name) const;
};

/// Parses the text of a matrix file; `path` only names it in errors. Throws CaseSyntaxError.
MatrixFile parse_matrix_text(std::string_view text, const std::string& path);

/// Reads and parses the matrix file at `path`. Throws CaseSyntaxError, also when it cannot be read.
MatrixFile parse_matrix_file(const std::filesystem::path& path);

}  // namespace tandem::api_test
