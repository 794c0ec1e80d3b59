#include "service/time/timesheet_service.h"

#include <array>
#include <cmath>

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/time/time_rules.h"
#include "store/hierarchy/project_repository.h"
#include "store/identity/identity_repository.h"
#include "store/items/item_repository.h"

namespace tandem::service {

namespace {

constexpr std::size_t kMaxNote = 2000;
constexpr std::int64_t kMaxMinutes = 7 * 24 * 60;
constexpr std::size_t kMaxBulk = 1000;
constexpr std::array<std::string_view, 10> kFields = {"item_id",  "item_number", "user_id",  "started_at",
                                                      "ended_at", "minutes",     "billable", "note",
                                                      "submit",   "item"};

// The actor's effective role in the project (nullopt: outside any project): "" when not a member.
Result<std::string> role_in(store::Txn& txn, const Actor& actor, const std::optional<std::int64_t>& project) {
  if (!project || !actor.is_user()) return std::string();
  return store::effective_project_role(txn, *project, actor.user_id);
}

// The id of the item named by `body` (item_id or item_number) when the actor sees it, nullopt when the body
// names none. Errors: not_found, validation_failed.
Result<std::optional<std::int64_t>> named_item(store::Txn& txn, const Actor& actor,
                                               const nlohmann::json& body) {
  const SqlFilter visible = Policy::visible_items(actor);
  for (const std::string_view key : {"item_id", "item_number"}) {
    const auto it = body.find(key);
    if (it == body.end()) continue;
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0)
      return invalid(std::string(key), std::string(key) + " must be a positive integer");
    const std::int64_t value = it->get<std::int64_t>();
    if (key == "item_id") {
      TANDEM_ASSIGN(const auto item, store::find_item(txn, value, visible));
      if (!item) return Error::make(ErrorCode::not_found, "no such item").with("field", "item_id");
      return std::optional<std::int64_t>{item->id};
    }
    TANDEM_ASSIGN(const auto item, store::find_item_by_number(txn, value, visible));
    if (!item) return Error::make(ErrorCode::not_found, "no such item").with("field", "item_number");
    return std::optional<std::int64_t>{item->first};
  }
  return std::optional<std::int64_t>{};
}

Result<TimestampMs> instant(const nlohmann::json& value, std::string_view field) {
  const auto parsed = value.is_string() ? parse_iso8601(value.get<std::string>()) : std::nullopt;
  if (!parsed)
    return invalid(std::string(field),
                   std::string(field) + " must be an ISO-8601 instant, e.g. 2026-11-23T09:00:00Z");
  return *parsed;
}

// `fields` with the members of `body` applied and checked, as `actor` may write them. `creating`: the item,
// start and length are required. Errors: not_found (item), forbidden (logging for another user),
// validation_failed.
Result<store::TimesheetFields> checked_fields(store::Txn& txn, const Actor& actor, const nlohmann::json& body,
                                              store::TimesheetFields fields, bool creating) {
  if (!body.is_object()) return invalid("timesheet", "a timesheet is a JSON object");
  for (const auto& [key, value] : body.items())
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end())
      return invalid(key, "a timesheet has no field " + key);
  TANDEM_ASSIGN(const auto item, named_item(txn, actor, body));
  if (item) fields.item_id = *item;
  if (fields.item_id == 0) return invalid("item_id", "item_id (or item_number) is required");
  if (const auto it = body.find("user_id"); it != body.end()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0)
      return invalid("user_id", "user_id must be a user's id");
    fields.user_id = it->get<std::int64_t>();
    TANDEM_TRY(check_user_exists(txn, fields.user_id, "user_id"));
  }
  if (fields.user_id != actor.user_id) {
    TANDEM_ASSIGN(const auto billing, store::item_billing(txn, fields.item_id));
    TANDEM_ASSIGN(const auto role, role_in(txn, actor, billing.project_id));
    if (!Policy::can_approve_timesheets(actor, role) || (!billing.project_id && actor.role != Role::admin))
      return Error::make(ErrorCode::forbidden, "only the project's managers and leads log time for others");
  }
  if (const auto it = body.find("started_at"); it != body.end()) {
    TANDEM_ASSIGN(fields.started_at, instant(*it, "started_at"));
  } else if (creating) {
    return invalid("started_at", "started_at is required");
  }
  const auto minutes = body.find("minutes");
  const auto ended = body.find("ended_at");
  if (minutes != body.end() && ended != body.end())
    return invalid("ended_at", "give either minutes or ended_at, not both");
  if (minutes != body.end()) {
    if (!minutes->is_number_integer() || minutes->get<std::int64_t>() < 1 ||
        minutes->get<std::int64_t>() > kMaxMinutes)
      return invalid("minutes", "minutes must be a whole number from 1 to 10080");
    fields.minutes = minutes->get<std::int64_t>();
  } else if (ended != body.end()) {
    TANDEM_ASSIGN(const TimestampMs end, instant(*ended, "ended_at"));
    if (end <= fields.started_at) return invalid("ended_at", "ended_at must be after started_at");
    fields.minutes = minutes_of_elapsed(end - fields.started_at);
    if (fields.minutes > kMaxMinutes) return invalid("ended_at", "a timesheet lasts at most 7 days");
  } else if (creating) {
    return invalid("minutes", "minutes or ended_at is required");
  }
  if (const auto it = body.find("billable"); it != body.end()) {
    if (!it->is_boolean()) return invalid("billable", "billable must be true or false");
    fields.billable = it->get<bool>();
  }
  if (const auto it = body.find("note"); it != body.end()) {
    if (!it->is_string() || it->get<std::string>().size() > kMaxNote)
      return invalid("note", "note is a text of at most 2000 characters");
    fields.note = it->get<std::string>();
  }
  if (const auto it = body.find("submit"); it != body.end() && !it->is_boolean())
    return invalid("submit", "submit must be true or false");
  return fields;
}

store::TimesheetFields fields_of(const store::TimesheetRow& row) {
  return store::TimesheetFields{row.item_id,  row.user_id, row.started_at, row.minutes,
                                row.billable, row.note,    row.status};
}

Result<store::TimesheetRow> visible_timesheet(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto found, store::find_timesheet(txn, id, Policy::visible_timesheets(actor)));
  if (!found) return Error::make(ErrorCode::not_found, "no such timesheet").with("id", std::to_string(id));
  return std::move(*found);
}

// The timesheet when the actor sees it and may change it now. Errors: not_found, forbidden, conflict
// (approved or invoiced).
Result<store::TimesheetRow> changeable_timesheet(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto timesheet, visible_timesheet(txn, actor, id));
  TANDEM_ASSIGN(const auto role, role_in(txn, actor, timesheet.project_id));
  if (!Policy::can_change_timesheet(actor, timesheet.user_id == actor.user_id, role))
    return Error::make(ErrorCode::forbidden,
                       "only its author and the project's managers and leads change it");
  if (!timesheet_editable(timesheet.status))
    return Error::make(ErrorCode::conflict, "approved timesheets are locked").with("id", std::to_string(id));
  if (timesheet.invoiced_at)
    return Error::make(ErrorCode::conflict, "invoiced timesheets are locked").with("id", std::to_string(id));
  return timesheet;
}

Status require_tracking(const Actor& actor) {
  if (!Policy::can(actor, Action::track_time))
    return Error::make(ErrorCode::forbidden, "the timesheets app is not open to you");
  return {};
}

Status check_ids(const std::vector<std::int64_t>& ids) {
  if (ids.empty() || ids.size() > kMaxBulk) return invalid("ids", "ids lists 1 to 1000 timesheets");
  return {};
}

Status record(store::Txn& txn, const Actor& actor, TimestampMs now, std::int64_t id, std::string_view kind,
              const store::TimesheetFields& fields) {
  return record_event(txn, actor, now, "timesheet", id, kind,
                      {{"item_id", fields.item_id},
                       {"user_id", fields.user_id},
                       {"minutes", fields.minutes},
                       {"status", fields.status}});
}

}  // namespace

Status TimesheetService::apply_item_changes(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                                            const nlohmann::json& body, TimestampMs now) {
  const auto it = body.find("item");
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_object())
    return invalid("item", "item holds changes to the item, e.g. {\"percent_complete\":50}");
  for (const auto& [key, value] : it->items())
    if (key != "percent_complete" && key != "status_id")
      return invalid("item." + key, "a timesheet changes only the item's percent_complete and status_id");
  if (it->empty()) return {};
  return status_of(items_.update_item(txn, actor, item_id, *it, std::nullopt, now));
}

Result<std::int64_t> TimesheetService::record_measured(store::Txn& txn, const Actor& actor,
                                                       std::int64_t item_id, TimestampMs started_at,
                                                       std::int64_t minutes, const nlohmann::json& body) {
  TANDEM_ASSIGN(const auto settings, load_time_settings(txn));
  store::TimesheetFields base{item_id,
                              actor.user_id,
                              started_at,
                              minutes,
                              settings.billable_by_default,
                              "",
                              settings.review_before_submit ? "draft" : "submitted"};
  nlohmann::json fields = nlohmann::json::object();
  for (const std::string_view key : {"billable", "note"})
    if (body.contains(key)) fields[std::string(key)] = body[std::string(key)];
  TANDEM_ASSIGN(const auto checked, checked_fields(txn, actor, fields, base, false));
  const TimestampMs now = clock_.now_ms();
  TANDEM_ASSIGN(const std::int64_t id, store::insert_timesheet(txn, checked, now));
  TANDEM_TRY(record(txn, actor, now, id, "timesheet.created", checked));
  return id;
}

Result<store::TimesheetRow> TimesheetService::create(const Actor& actor, const nlohmann::json& body) {
  TANDEM_TRY(require_tracking(actor));
  // The timesheet is checked before the item changes, which are stored with it: a refused item change
  // stores nothing.
  store::TimesheetRow created;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto settings, load_time_settings(txn));
    store::TimesheetFields base;
    base.user_id = actor.user_id;
    base.billable = settings.billable_by_default;
    TANDEM_ASSIGN(auto fields, checked_fields(txn, actor, body, base, true));
    if (body.value("submit", false)) fields.status = "submitted";
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(apply_item_changes(txn, actor, fields.item_id, body, now));
    TANDEM_ASSIGN(const std::int64_t id, store::insert_timesheet(txn, fields, now));
    TANDEM_TRY(record(txn, actor, now, id, "timesheet.created", fields));
    TANDEM_ASSIGN(created, visible_timesheet(txn, Actor::system(), id));
    return {};
  }));
  return created;
}

Result<store::TimesheetRow> TimesheetService::get(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require_tracking(actor));
  store::TimesheetRow found;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(found, visible_timesheet(txn, actor, id));
    return {};
  }));
  return found;
}

Result<store::TimesheetRow> TimesheetService::update(const Actor& actor, std::int64_t id,
                                                     const nlohmann::json& body) {
  TANDEM_TRY(require_tracking(actor));
  if (body.contains("submit"))
    return invalid("submit", "submit a timesheet with POST /api/v1/timesheets/submit");
  store::TimesheetRow updated;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, changeable_timesheet(txn, actor, id));
    TANDEM_ASSIGN(const auto fields, checked_fields(txn, actor, body, fields_of(current), false));
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(apply_item_changes(txn, actor, fields.item_id, body, now));
    TANDEM_TRY(store::update_timesheet(txn, id, fields, now));
    TANDEM_TRY(record(txn, actor, now, id, "timesheet.updated", fields));
    TANDEM_ASSIGN(updated, visible_timesheet(txn, Actor::system(), id));
    return {};
  }));
  return updated;
}

Status TimesheetService::remove(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require_tracking(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, changeable_timesheet(txn, actor, id));
    TANDEM_TRY(store::delete_timesheet(txn, id));
    return record(txn, actor, clock_.now_ms(), id, "timesheet.deleted", fields_of(current));
  });
}

Result<std::vector<store::TimesheetRow>> TimesheetService::list(const Actor& actor,
                                                                const store::TimesheetFilter& filter,
                                                                std::int64_t before_id, int limit) {
  TANDEM_TRY(require_tracking(actor));
  std::vector<store::TimesheetRow> rows;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(rows,
                  store::list_timesheets(txn, Policy::visible_timesheets(actor), filter, before_id, limit));
    return {};
  }));
  return rows;
}

Result<std::vector<store::TimesheetRow>> TimesheetService::submit(const Actor& actor,
                                                                  const std::vector<std::int64_t>& ids) {
  TANDEM_TRY(require_tracking(actor));
  TANDEM_TRY(check_ids(ids));
  std::vector<store::TimesheetRow> submitted;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    for (const std::int64_t id : ids) {
      TANDEM_ASSIGN(auto timesheet, changeable_timesheet(txn, actor, id));
      if (!timesheet_submittable(timesheet.status))
        return Error::make(ErrorCode::conflict, "only drafts and rejected timesheets are submitted")
            .with("id", std::to_string(id));
      TANDEM_TRY(store::set_timesheet_status(txn, id, "submitted", actor.user_id, "", now));
      timesheet.status = "submitted";
      TANDEM_TRY(record(txn, actor, now, id, "timesheet.submitted", fields_of(timesheet)));
      TANDEM_ASSIGN(timesheet, visible_timesheet(txn, Actor::system(), id));
      submitted.push_back(std::move(timesheet));
    }
    return {};
  }));
  return submitted;
}

Result<std::vector<store::TimesheetRow>> TimesheetService::decide(const Actor& actor,
                                                                  const std::vector<std::int64_t>& ids,
                                                                  bool approve, const std::string& reason) {
  TANDEM_TRY(require_tracking(actor));
  TANDEM_TRY(check_ids(ids));
  if (!approve && (reason.empty() || reason.size() > kMaxNote))
    return invalid("reason", "a rejection needs a reason of 1 to 2000 characters");
  const std::string status = approve ? "approved" : "rejected";
  std::vector<store::TimesheetRow> decided;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    for (const std::int64_t id : ids) {
      TANDEM_ASSIGN(auto timesheet, visible_timesheet(txn, actor, id));
      TANDEM_ASSIGN(const auto role, role_in(txn, actor, timesheet.project_id));
      if (!Policy::can_approve_timesheets(actor, role) ||
          (!timesheet.project_id && actor.role != Role::admin))
        return Error::make(ErrorCode::forbidden,
                           "only the project's managers and leads approve its timesheets")
            .with("id", std::to_string(id));
      if (!timesheet_decidable(timesheet.status))
        return Error::make(ErrorCode::conflict, "only submitted timesheets are approved or rejected")
            .with("id", std::to_string(id));
      TANDEM_TRY(store::set_timesheet_status(txn, id, status, actor.user_id, approve ? "" : reason, now));
      TANDEM_TRY(
          record_event(txn, actor, now, "timesheet", id, "timesheet." + status,
                       {{"item_id", timesheet.item_id}, {"user_id", timesheet.user_id}, {"reason", reason}}));
      TANDEM_ASSIGN(timesheet, visible_timesheet(txn, Actor::system(), id));
      decided.push_back(std::move(timesheet));
    }
    return {};
  }));
  return decided;
}

Result<std::vector<store::TimesheetRow>> TimesheetService::invoice(const Actor& actor,
                                                                   const std::vector<std::int64_t>& ids,
                                                                   const std::string& reference) {
  if (!Policy::can(actor, Action::invoice_time))
    return Error::make(ErrorCode::forbidden, "only admins mark timesheets invoiced");
  TANDEM_TRY(check_ids(ids));
  if (reference.size() > 200) return invalid("reference", "reference has at most 200 characters");
  std::vector<store::TimesheetRow> invoiced;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    const TimestampMs now = clock_.now_ms();
    for (const std::int64_t id : ids) {
      TANDEM_ASSIGN(auto timesheet, visible_timesheet(txn, actor, id));
      const auto refuse = [id](std::string message) {
        return Error::make(ErrorCode::conflict, std::move(message)).with("id", std::to_string(id));
      };
      if (timesheet.invoiced_at) return refuse("timesheet " + std::to_string(id) + " was already invoiced");
      if (timesheet.status != "approved") return refuse("only approved timesheets are invoiced");
      if (!timesheet.billable) return refuse("timesheet " + std::to_string(id) + " is not billable");
      TANDEM_TRY(store::mark_invoiced(txn, id, reference, now));
      TANDEM_TRY(record_event(txn, actor, now, "timesheet", id, "timesheet.invoiced",
                              {{"reference", reference}, {"amount_cents", timesheet.amount_cents}}));
      TANDEM_ASSIGN(timesheet, visible_timesheet(txn, Actor::system(), id));
      invoiced.push_back(std::move(timesheet));
    }
    return {};
  }));
  return invoiced;
}

namespace {

constexpr std::array<std::string_view, 9> kImportFields = {
    "item_id", "item_number", "user_email", "started_at", "date", "minutes", "hours", "billable", "note"};

// The column of each mapped field. Errors: validation_failed.
Result<std::vector<std::pair<std::string, std::size_t>>> mapped_columns(
    const nlohmann::json& mapping, const std::vector<std::string>& header) {
  if (!mapping.is_object()) return invalid("mapping", "mapping maps timesheet fields to column names");
  std::vector<std::pair<std::string, std::size_t>> columns;
  for (const auto& [field, column] : mapping.items()) {
    if (std::find(kImportFields.begin(), kImportFields.end(), field) == kImportFields.end())
      return invalid("mapping." + field, "no timesheet field " + field + " can be imported");
    const auto at = column.is_string() ? std::find(header.begin(), header.end(), column.get<std::string>())
                                       : header.end();
    if (at == header.end()) return invalid("mapping." + field, "the CSV has no column named for " + field);
    columns.emplace_back(field, static_cast<std::size_t>(at - header.begin()));
  }
  const auto has = [&](std::string_view f) {
    return std::any_of(columns.begin(), columns.end(), [&](const auto& c) { return c.first == f; });
  };
  if (!has("item_id") && !has("item_number")) return invalid("mapping", "map item_id or item_number");
  if (!has("minutes") && !has("hours")) return invalid("mapping", "map minutes or hours");
  if (!has("started_at") && !has("date")) return invalid("mapping", "map started_at or date");
  return columns;
}

// One CSV row as a timesheet body. Errors: validation_failed naming the field.
Result<nlohmann::json> row_body(store::Txn& txn,
                                const std::vector<std::pair<std::string, std::size_t>>& columns,
                                const std::vector<std::string>& row) {
  nlohmann::json body = nlohmann::json::object();
  for (const auto& [field, column] : columns) {
    const std::string text = column < row.size() ? row[column] : "";
    if (text.empty()) continue;  // an empty cell leaves the field out (a required one is then reported)
    const auto number = [&]() -> std::optional<double> {
      try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value)) return value;
      } catch (const std::exception&) {
      }
      return std::nullopt;
    }();
    if (field == "item_id" || field == "item_number" || field == "minutes") {
      if (!number || *number != std::floor(*number)) return invalid(field, field + " must be a whole number");
      body[field] = static_cast<std::int64_t>(*number);
    } else if (field == "hours") {
      if (!number || *number <= 0) return invalid(field, "hours must be a positive number");
      body["minutes"] = static_cast<std::int64_t>(std::llround(*number * 60));
    } else if (field == "date") {
      body["started_at"] = text + "T00:00:00Z";
    } else if (field == "billable") {
      const auto value = parse_csv_bool(text);
      if (!value) return invalid(field, "billable must be yes or no");
      body[field] = *value;
    } else if (field == "user_email") {
      TANDEM_ASSIGN(const auto user, store::find_user_by_email(txn, text));
      if (!user) return invalid(field, "no user has the email " + text);
      body["user_id"] = user->id;
    } else {
      body[field] = text;
    }
  }
  return body;
}

}  // namespace

Result<ImportReport> TimesheetService::import_csv(const Actor& actor, const std::string& csv,
                                                  const nlohmann::json& mapping, bool submit) {
  TANDEM_TRY(require_tracking(actor));
  TANDEM_ASSIGN(const auto rows, parse_csv(csv));
  if (rows.empty()) return invalid("csv", "the CSV has no header line");
  if (rows.size() > 100'001) return invalid("csv", "import at most 100000 rows at once");
  TANDEM_ASSIGN(const auto columns, mapped_columns(mapping, rows.front()));
  ImportReport report;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    report = ImportReport{};
    TANDEM_ASSIGN(const auto settings, load_time_settings(txn));
    store::TimesheetFields base;
    base.user_id = actor.user_id;
    base.billable = settings.billable_by_default;
    base.status = submit ? "submitted" : "draft";
    const TimestampMs now = clock_.now_ms();
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto fields = row_body(txn, columns, rows[i]);
      Result<store::TimesheetFields> checked = fields.ok() ? checked_fields(txn, actor, *fields, base, true)
                                                           : Result<store::TimesheetFields>(fields.error());
      if (!checked.ok()) {
        const Error& error = checked.error();
        if (error.code != ErrorCode::validation_failed && error.code != ErrorCode::not_found &&
            error.code != ErrorCode::forbidden)
          return error;
        const auto field = error.details.find("field");
        report.errors.push_back(
            {static_cast<std::int64_t>(i), field == error.details.end() ? "" : field->second, error.message});
        continue;
      }
      TANDEM_ASSIGN(const std::int64_t id, store::insert_timesheet(txn, *checked, now));
      TANDEM_TRY(record(txn, actor, now, id, "timesheet.created", *checked));
      report.ids.push_back(id);
    }
    return {};
  }));
  return report;
}

Result<store::TimeTotals> TimesheetService::actual_work(const Actor& actor,
                                                        std::optional<std::int64_t> item_id,
                                                        std::optional<std::int64_t> project_id) {
  TANDEM_TRY(require_tracking(actor));
  if (item_id.has_value() == project_id.has_value())
    return invalid("item_id", "give either item_id or project_id");
  store::TimeTotals totals;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    if (item_id) {
      TANDEM_ASSIGN(const auto item, store::find_item(txn, *item_id, Policy::visible_items(actor)));
      if (!item) return Error::make(ErrorCode::not_found, "no such item");
      TANDEM_ASSIGN(totals, store::item_time(txn, *item_id));
      return {};
    }
    TANDEM_ASSIGN(const auto project, store::find_visible_project(txn, Policy::visible_projects(actor),
                                                                  actor.user_id, *project_id));
    if (!project) return Error::make(ErrorCode::not_found, "no such project");
    TANDEM_ASSIGN(totals, store::project_time(txn, *project_id));
    return {};
  }));
  return totals;
}

Result<store::TimeTotals> TimesheetService::portal_item_time(const Actor& customer, std::int64_t item_id) {
  store::TimeTotals totals;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto settings, load_time_settings(txn));
    if (!Policy::can_see_item_time(customer, settings.show_time_to_customers))
      return Error::make(ErrorCode::forbidden, "the time logged on items is not shown here");
    TANDEM_ASSIGN(const auto item, store::find_item(txn, item_id, Policy::visible_items(customer)));
    if (!item) return Error::make(ErrorCode::not_found, "no such item");
    TANDEM_ASSIGN(const auto all, store::item_time(txn, item_id));
    totals.minutes = totals.approved_minutes = all.approved_minutes;
    return {};
  }));
  return totals;
}

}  // namespace tandem::service
