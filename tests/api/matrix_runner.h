// Runs the rows of a matrix file for each of its actors and collects every answer that differs.
#pragma once

#include <string>
#include <vector>

#include "case_runner.h"
#include "matrix_file.h"

namespace tandem::api_test {

/// One cell whose answer differed from the expected one.
struct MatrixMismatch {
  int line = 0;         // the row's line
  std::string request;  // "METHOD /path" as written
  std::string actor;
  std::string expected;
  std::string got;  // a status, or why nothing was sent or received
};

/// Sends every row of `file` as every actor but the pending ones and `-` cells, in row order and then actor
/// order, through `runner` (which has already run the preamble). For actor A, ${my_NAME} stands for the
/// variable A_NAME when there is one, else for NAME. Returns the answers that differed from the table, in
/// that order.
std::vector<MatrixMismatch> run_matrix(const MatrixFile& file, CaseRunner& runner);

/// The mismatches as an aligned table under a header line, one line each.
std::string mismatch_table(const std::vector<MatrixMismatch>& mismatches);

}  // namespace tandem::api_test
