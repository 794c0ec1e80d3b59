#include "service/time/report_table.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "service/time/time_rules.h"

namespace tandem::service {

namespace {

std::string number_text(double value) {
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// A fresh path in the temporary folder for one workbook.
std::filesystem::path workbook_path() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return std::filesystem::temp_directory_path() / fmt::format("tandem-report-{:016x}.xlsx", random());
}

}  // namespace

std::string report_csv(const ReportTable& table) {
  std::string csv;
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    csv += (i ? "," : "") + csv_field(table.columns[i].title);
  csv += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (i) csv += ',';
      if (const auto* text = std::get_if<std::string>(&row.cells[i]))
        csv += csv_field(*text);
      else
        csv += number_text(std::get<double>(row.cells[i]));
    }
    csv += "\r\n";
  }
  return csv;
}

Result<std::string> report_xlsx(const ReportTable& table) {
  const std::filesystem::path path = workbook_path();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) return Error::internal_error("cannot create a workbook at " + path.string());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Report");
  const auto format = [&](bool bold, const char* number) {
    lxw_format* f = workbook_add_format(workbook);
    if (bold) format_set_bold(f);
    if (number) format_set_num_format(f, number);
    return f;
  };
  const auto number_format = [](NumberFormat kind) -> const char* {
    switch (kind) {
      case NumberFormat::hours:
        return "0.00";
      case NumberFormat::money:
        return "#,##0.00";
      case NumberFormat::count:
        return "0";
      case NumberFormat::text:
        return nullptr;
    }
    return nullptr;
  };
  lxw_format* header = format(true, nullptr);
  format_set_bottom(header, LXW_BORDER_THIN);
  std::vector<lxw_format*> plain, bold;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    plain.push_back(format(false, number_format(table.columns[c].format)));
    bold.push_back(format(true, number_format(table.columns[c].format)));
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         table.columns[c].format == NumberFormat::text ? 28 : 14, nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].title.c_str(), header);
  lxw_row_t r = 1;
  for (const auto& row : table.rows) {
    const auto& formats = row.kind == ReportRow::Kind::detail ? plain : bold;
    for (std::size_t c = 0; c < row.cells.size() && c < formats.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (const auto* text = std::get_if<std::string>(&row.cells[c])) {
        if (!text->empty()) worksheet_write_string(sheet, r, col, text->c_str(), formats[c]);
      } else {
        worksheet_write_number(sheet, r, col, std::get<double>(row.cells[c]), formats[c]);
      }
    }
    ++r;
  }
  const lxw_error closed = workbook_close(workbook);
  std::string bytes;
  if (closed == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    bytes = std::move(content).str();
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (closed != LXW_NO_ERROR || bytes.empty())
    return Error::internal_error(std::string("writing the workbook failed: ") + lxw_strerror(closed));
  return bytes;
}

}  // namespace tandem::service
