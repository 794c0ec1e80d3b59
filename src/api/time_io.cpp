#include "api/time_io.h"

#include <array>

#include "api/json_io.h"
#include "service/time/time_rules.h"

namespace tandem::api {

namespace {

nlohmann::json nullable_id(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::json(*id) : nullptr;
}

nlohmann::json nullable_instant(const std::optional<TimestampMs>& at) {
  return at ? nlohmann::json(format_iso8601(*at)) : nullptr;
}

Result<std::optional<bool>> bool_query(const net::Request& request, std::string_view name) {
  const std::string text = request.query_param(name);
  if (text.empty()) return std::optional<bool>{};
  if (text == "true") return std::optional<bool>{true};
  if (text == "false") return std::optional<bool>{false};
  return Error::make(ErrorCode::validation_failed, std::string(name) + " must be true or false")
      .with("field", std::string(name));
}

Result<std::optional<std::string>> day_query(const net::Request& request, std::string_view name) {
  const std::string text = request.query_param(name);
  if (text.empty()) return std::optional<std::string>{};
  if (!parse_iso8601(text + "T00:00:00Z") || text.size() != 10)
    return Error::make(ErrorCode::validation_failed, std::string(name) + " must be a day, e.g. 2026-11-01")
        .with("field", std::string(name));
  return std::optional<std::string>{text};
}

}  // namespace

nlohmann::json timer_json(const store::TimerRow& timer, TimestampMs now) {
  const std::int64_t elapsed = timer.elapsed_ms + (timer.resumed_at ? now - *timer.resumed_at : 0);
  return {{"id", timer.id},
          {"item_id", timer.item_id},
          {"item_number", timer.item_number},
          {"item_title", timer.item_title},
          {"state", timer.state},
          {"started_at", format_iso8601(timer.started_at)},
          {"resumed_at", nullable_instant(timer.resumed_at)},
          {"elapsed_seconds", elapsed / 1000}};
}

nlohmann::json timesheet_json(const store::TimesheetRow& t) {
  return {{"id", t.id},
          {"item_id", t.item_id},
          {"item_number", t.item_number},
          {"item_title", t.item_title},
          {"project_id", nullable_id(t.project_id)},
          {"organization_id", nullable_id(t.organization_id)},
          {"user_id", t.user_id},
          {"user_name", t.user_name},
          {"started_at", format_iso8601(t.started_at)},
          {"ended_at", format_iso8601(t.started_at + t.minutes * 60'000)},
          {"minutes", t.minutes},
          {"billable", t.billable},
          {"hourly_rate", service::amount_of_cents(t.rate_cents)},
          {"amount", service::amount_of_cents(t.amount_cents)},
          {"note", t.note},
          {"status", t.status},
          {"reason", t.reason},
          {"decided_by", nullable_id(t.decided_by)},
          {"decided_at", nullable_instant(t.decided_at)},
          {"invoiced", t.invoiced_at.has_value()},
          {"invoiced_at", nullable_instant(t.invoiced_at)},
          {"invoice_reference", t.invoice_ref},
          {"created_at", format_iso8601(t.created_at)},
          {"updated_at", format_iso8601(t.updated_at)}};
}

nlohmann::json rate_json(const store::RateRow& rate) {
  const auto key = [](std::int64_t id) { return id ? nlohmann::json(id) : nlohmann::json(nullptr); };
  return {{"user_id", key(rate.user_id)},
          {"project_id", key(rate.project_id)},
          {"organization_id", key(rate.organization_id)},
          {"hourly_rate", service::amount_of_cents(rate.rate_cents)}};
}

Result<std::pair<std::optional<std::string>, std::optional<std::string>>> period_query(
    const net::Request& request) {
  TANDEM_ASSIGN(auto from, day_query(request, "from"));
  TANDEM_ASSIGN(auto to, day_query(request, "to"));
  return std::pair{std::move(from), std::move(to)};
}

Result<store::TimesheetFilter> timesheet_filter(const net::Request& request) {
  store::TimesheetFilter filter;
  TANDEM_ASSIGN(filter.user_id, optional_id_query(request, "user_id", "a user's id"));
  TANDEM_ASSIGN(filter.project_id, optional_id_query(request, "project_id", "a project's id"));
  TANDEM_ASSIGN(filter.item_id, optional_id_query(request, "item_id", "an item's id"));
  TANDEM_ASSIGN(filter.organization_id,
                optional_id_query(request, "organization_id", "an organization's id"));
  TANDEM_ASSIGN(filter.portfolio_id, optional_id_query(request, "portfolio_id", "a portfolio's id"));
  if (const std::string status = request.query_param("status"); !status.empty()) {
    constexpr std::array<std::string_view, 4> kStatuses = {"draft", "submitted", "approved", "rejected"};
    if (std::find(kStatuses.begin(), kStatuses.end(), status) == kStatuses.end())
      return Error::make(ErrorCode::validation_failed, "status is draft, submitted, approved or rejected")
          .with("field", "status");
    filter.status = status;
  }
  TANDEM_ASSIGN(filter.billable, bool_query(request, "billable"));
  TANDEM_ASSIGN(filter.invoiced, bool_query(request, "invoiced"));
  TANDEM_ASSIGN(auto period, period_query(request));
  filter.from_day = std::move(period.first);
  filter.to_day = std::move(period.second);
  return filter;
}

Result<net::Response> table_response(const net::Request& request, const service::ReportTable& table,
                                     const nlohmann::json& json, std::string_view name) {
  const std::string format = request.query_param("format");
  if (format.empty() || format == "json") return json_response(200, json);
  net::Response response;
  if (format == "csv") {
    response = net::Response::text(200, service::report_csv(table), "text/csv; charset=utf-8");
  } else if (format == "xlsx") {
    TANDEM_ASSIGN(auto bytes, service::report_xlsx(table));
    response = net::Response::text(200, std::move(bytes),
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else {
    return Error::make(ErrorCode::validation_failed, "format is json, csv or xlsx").with("field", "format");
  }
  response.headers.set("Content-Disposition",
                       "attachment; filename=\"" + std::string(name) + "." + format + "\"");
  response.headers.set("Cache-Control", "no-store");
  return response;
}

}  // namespace tandem::api
