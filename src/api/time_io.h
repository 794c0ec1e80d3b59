// Time tracking in and out of handlers: timers, timesheets, rates and report filters as API JSON and query
// parameters.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "net/http.h"
#include "service/time/time_report_service.h"
#include "store/time/timer_repository.h"
#include "store/time/timesheet_repository.h"

namespace tandem::api {

/// A timer, with its measured time (`elapsed_seconds`) as of `now`.
nlohmann::json timer_json(const store::TimerRow& timer, TimestampMs now);
/// A timesheet.
nlohmann::json timesheet_json(const store::TimesheetRow& timesheet);
/// An hourly rate (null keys mean "any").
nlohmann::json rate_json(const store::RateRow& rate);
/// The filters of a timesheet list or report from the query (user_id, project_id, item_id,
/// organization_id, portfolio_id, status, billable, invoiced, from, to). Errors: validation_failed.
Result<store::TimesheetFilter> timesheet_filter(const net::Request& request);
/// `?from=` and `?to=` as YYYY-MM-DD days. Errors: validation_failed.
Result<std::pair<std::optional<std::string>, std::optional<std::string>>> period_query(
    const net::Request& request);
/// A report in the `?format=` asked for (json: `json`'s value; csv; xlsx) as a download named `name`.
/// Errors: validation_failed (another format), internal (writing the workbook).
Result<net::Response> table_response(const net::Request& request, const service::ReportTable& table,
                                     const nlohmann::json& json, std::string_view name);

}  // namespace tandem::api
