#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/time_io.h"

namespace tandem::api {

namespace {

// `?group_by=project,user` (comma separated, at most three). Errors: validation_failed.
Result<std::vector<store::TimeGrouping>> groupings(const net::Request& request) {
  std::vector<store::TimeGrouping> result;
  const std::string text = request.query_param("group_by");
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const auto grouping = service::parse_time_grouping(std::string_view(text).substr(start, end - start));
    if (!grouping)
      return Error::make(ErrorCode::validation_failed,
                         "group_by takes organization, project, user, item, day, week and month")
          .with("field", "group_by");
    result.push_back(*grouping);
    start = end + 1;
  }
  return result;
}

Result<net::Response> timesheet_report(ApiApp& app, RequestContext& context) {
  service::TimeReportQuery query;
  TANDEM_ASSIGN(query.filter, timesheet_filter(context.request));
  TANDEM_ASSIGN(query.groupings, groupings(context.request));
  auto& reports = app.services().time_reports;
  const std::string format = context.request.query_param("format");
  if (format.empty() || format == "json") {
    TANDEM_ASSIGN(const auto json, reports.report(context.actor(), query));
    return json_response(200, json);
  }
  TANDEM_ASSIGN(const auto table, reports.report_table(context.actor(), query));
  return table_response(context.request, table, nullptr, "timesheets");
}

Result<net::Response> invoice_report(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto organization,
                optional_id_query(context.request, "organization_id", "an organization's id"));
  if (!organization)
    return Error::make(ErrorCode::validation_failed, "organization_id is required")
        .with("field", "organization_id");
  TANDEM_ASSIGN(const auto period, period_query(context.request));
  TANDEM_ASSIGN(const auto table, app.services().time_reports.invoice_table(context.actor(), *organization,
                                                                            period.first, period.second));
  return table_response(context.request, table, service::report_table_json(table), "invoice");
}

}  // namespace

void register_report_routes(ApiApp& app) {
  app.add("GET", "/api/v1/reports/timesheets", Access::signed_in,
          [&app](RequestContext& c) { return timesheet_report(app, c); });
  app.add("GET", "/api/v1/reports/timesheets/invoice", Access::signed_in,
          [&app](RequestContext& c) { return invoice_report(app, c); });
}

}  // namespace tandem::api
