// A report as a table of rows (details, subtotals, the total) and its CSV and XLSX renderings.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace tandem::service {

/// A cell: text, or a number shown with the column's number format.
using ReportCell = std::variant<std::string, double>;

/// How a numeric column is shown in a spreadsheet.
enum class NumberFormat { text, hours, money, count };

struct ReportColumn {
  std::string title;
  NumberFormat format = NumberFormat::text;
};

struct ReportRow {
  enum class Kind { detail, subtotal, total };
  Kind kind = Kind::detail;
  int level = 0;  // subtotals: the grouping level they close (0 = outermost)
  std::vector<ReportCell> cells;
};

struct ReportTable {
  std::string title;
  std::vector<ReportColumn> columns;
  std::vector<ReportRow> rows;
};

/// The table as CSV: a header line, then every row (numbers with up to two decimals).
std::string report_csv(const ReportTable& table);
/// The table as an XLSX workbook (one sheet: a bold, frozen header; number formats per column; bold
/// subtotal and total rows). Errors: internal (the workbook could not be written).
Result<std::string> report_xlsx(const ReportTable& table);

}  // namespace tandem::service
