// Time reports: the visible timesheets filtered and grouped on up to three levels (organization, project,
// user, item, day, week, month) by one SQL GROUP BY, with totals at every level; the same report as CSV and
// XLSX; and the invoice-ready report of an organization for a period (approved, billable, not invoiced).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/result.h"
#include "service/time/report_table.h"
#include "store/database.h"
#include "store/time/time_report_repository.h"

namespace tandem::service {

struct TimeReportQuery {
  store::TimesheetFilter filter;
  std::vector<store::TimeGrouping> groupings;  // at most 3
};

/// Parses a grouping name ("organization", "project", "user", "item", "day", "week", "month").
std::optional<store::TimeGrouping> parse_time_grouping(std::string_view name);

class TimeReportService {
 public:
  explicit TimeReportService(store::Database& db) : db_(db) {}

  /// The report as JSON: {"group_by":[…], "totals":{…}, "groups":[{"key","label","totals","groups"}…]}.
  /// Errors: forbidden (Action::track_time), validation_failed (more than three groupings, or one twice).
  Result<nlohmann::json> report(const Actor& actor, const TimeReportQuery& query);
  /// The report as a table: one detail row per group of the finest level, a subtotal row after each group
  /// of an outer level, the total last. Errors: as report.
  Result<ReportTable> report_table(const Actor& actor, const TimeReportQuery& query);
  /// The invoice-ready report of `organization_id` for the days from..to: its approved, billable, not yet
  /// invoiced timesheets with amounts, by project, with subtotals and the total. Errors: forbidden
  /// (Action::invoice_time).
  Result<ReportTable> invoice_table(const Actor& actor, std::int64_t organization_id,
                                    const std::optional<std::string>& from_day,
                                    const std::optional<std::string>& to_day);

 private:
  store::Database& db_;
};

/// The invoice table as JSON: {"columns":[…], "rows":[{"kind","cells"}…], "total_amount"}.
nlohmann::json report_table_json(const ReportTable& table);

}  // namespace tandem::service
