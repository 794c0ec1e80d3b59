#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/time_io.h"

namespace tandem::api {

namespace {

nlohmann::json timesheets_json(const std::vector<store::TimesheetRow>& rows) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& row : rows) data.push_back(timesheet_json(row));
  return data;
}

Result<net::Response> list_timesheets(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto filter, timesheet_filter(context.request));
  const auto [limit, before] = page_params(context.request);
  TANDEM_ASSIGN(const auto rows, app.services().timesheets.list(context.actor(), filter, before, limit + 1));
  const bool more = static_cast<int>(rows.size()) > limit;
  std::vector<store::TimesheetRow> page(rows.begin(), more ? rows.begin() + limit : rows.end());
  return page_response(timesheets_json(page), more ? std::to_string(page.back().id) : "");
}

Result<net::Response> create_timesheet(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto timesheet, app.services().timesheets.create(context.actor(), body));
  return json_response(201, timesheet_json(timesheet));
}

Result<net::Response> get_timesheet(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto timesheet, app.services().timesheets.get(context.actor(), id));
  return json_response(200, timesheet_json(timesheet));
}

Result<net::Response> update_timesheet(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto timesheet, app.services().timesheets.update(context.actor(), id, body));
  return json_response(200, timesheet_json(timesheet));
}

Result<net::Response> delete_timesheet(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().timesheets.remove(context.actor(), id));
  return net::Response::empty(204);
}

// The bulk steps of the life cycle, on the body's `ids`.
enum class Step { submit, approve, reject, invoice };

Result<net::Response> bulk_step(ApiApp& app, RequestContext& context, Step step) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto ids, id_list(body, "ids"));
  auto& timesheets = app.services().timesheets;
  const Actor& actor = context.actor();
  const auto text = [&](std::string_view key) -> Result<std::string> {
    TANDEM_ASSIGN(const auto value, optional_string(body, key));
    return value.value_or("");
  };
  Result<std::vector<store::TimesheetRow>> rows = std::vector<store::TimesheetRow>{};
  switch (step) {
    case Step::submit:
      rows = timesheets.submit(actor, ids);
      break;
    case Step::approve:
      rows = timesheets.decide(actor, ids, true, "");
      break;
    case Step::reject: {
      TANDEM_ASSIGN(const auto reason, text("reason"));
      rows = timesheets.decide(actor, ids, false, reason);
      break;
    }
    case Step::invoice: {
      TANDEM_ASSIGN(const auto reference, text("reference"));
      rows = timesheets.invoice(actor, ids, reference);
      break;
    }
  }
  if (!rows.ok()) return std::move(rows).error();
  return page_response(timesheets_json(*rows), "");
}

Result<net::Response> import_timesheets(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(const auto csv, string_field(body, "csv"));
  TANDEM_ASSIGN(const auto submit, optional_bool(body, "submit"));
  const nlohmann::json mapping = body.contains("mapping") ? body["mapping"] : nlohmann::json();
  TANDEM_ASSIGN(const auto report,
                app.services().timesheets.import_csv(context.actor(), csv, mapping, submit.value_or(false)));
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& error : report.errors)
    errors.push_back({{"row", error.row}, {"field", error.field}, {"message", error.message}});
  return json_response(200, {{"imported", report.ids.size()},
                             {"failed", report.errors.size()},
                             {"ids", report.ids},
                             {"errors", std::move(errors)}});
}

Result<net::Response> summary(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto item_id, optional_id_query(context.request, "item_id", "an item's id"));
  TANDEM_ASSIGN(const auto project_id, optional_id_query(context.request, "project_id", "a project's id"));
  TANDEM_ASSIGN(const auto totals,
                app.services().timesheets.actual_work(context.actor(), item_id, project_id));
  return json_response(200, {{"minutes", totals.minutes},
                             {"hours", static_cast<double>(totals.minutes) / 60.0},
                             {"approved_minutes", totals.approved_minutes},
                             {"count", totals.count}});
}

// The approved time on a portal item, for customers when the time settings show it.
Result<net::Response> portal_item_time(ApiApp& app, RequestContext& context) {
  TANDEM_TRY(app.services().modules.require(service::Module::timesheets));
  TANDEM_ASSIGN(const auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(const auto totals, app.services().timesheets.portal_item_time(context.actor(), id));
  return json_response(200, {{"item_id", id},
                             {"minutes", totals.approved_minutes},
                             {"hours", static_cast<double>(totals.approved_minutes) / 60.0}});
}

}  // namespace

void register_timesheet_routes(ApiApp& app) {
  app.add("GET", "/api/v1/timesheets", Access::signed_in,
          [&app](RequestContext& c) { return list_timesheets(app, c); });
  app.add("POST", "/api/v1/timesheets", Access::signed_in,
          [&app](RequestContext& c) { return create_timesheet(app, c); });
  app.add("GET", "/api/v1/timesheets/summary", Access::signed_in,
          [&app](RequestContext& c) { return summary(app, c); });
  app.add("GET", "/api/v1/timesheets/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_timesheet(app, c); });
  app.add("PATCH", "/api/v1/timesheets/{id}", Access::signed_in,
          [&app](RequestContext& c) { return update_timesheet(app, c); });
  app.add("DELETE", "/api/v1/timesheets/{id}", Access::signed_in,
          [&app](RequestContext& c) { return delete_timesheet(app, c); });
  app.add("POST", "/api/v1/timesheets/submit", Access::signed_in,
          [&app](RequestContext& c) { return bulk_step(app, c, Step::submit); });
  app.add("POST", "/api/v1/timesheets/approve", Access::signed_in,
          [&app](RequestContext& c) { return bulk_step(app, c, Step::approve); });
  app.add("POST", "/api/v1/timesheets/reject", Access::signed_in,
          [&app](RequestContext& c) { return bulk_step(app, c, Step::reject); });
  app.add("POST", "/api/v1/timesheets/invoice", Access::signed_in,
          [&app](RequestContext& c) { return bulk_step(app, c, Step::invoice); });
  app.add("POST", "/api/v1/timesheets/import", Access::signed_in,
          [&app](RequestContext& c) { return import_timesheets(app, c); });
  app.add("GET", "/portal/api/v1/items/{id}/time", Access::customer,
          [&app](RequestContext& c) { return portal_item_time(app, c); });
}

}  // namespace tandem::api
