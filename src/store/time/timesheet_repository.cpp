#include "store/time/timesheet_repository.h"

#include "store/items/item_repository.h"

namespace tandem::store {

namespace {

constexpr std::string_view kSelect =
    "SELECT timesheets.id, timesheets.item_id, i.number, i.title, timesheets.project_id, "
    "timesheets.organization_id, timesheets.user_id, u.name, timesheets.started_at, timesheets.minutes, "
    "timesheets.billable, timesheets.rate_cents, timesheets.amount_cents, timesheets.note, "
    "timesheets.status, "
    "timesheets.reason, timesheets.decided_by, timesheets.decided_at, timesheets.invoiced_at, "
    "timesheets.invoice_ref, timesheets.created_at, timesheets.updated_at "
    "FROM timesheets JOIN items i ON i.id = timesheets.item_id JOIN users u ON u.id = timesheets.user_id ";

TimesheetRow timesheet_of(const Row& r) {
  TimesheetRow t;
  t.id = r.int64(0);
  t.item_id = r.int64(1);
  t.item_number = r.int64(2);
  t.item_title = r.text(3);
  t.project_id = r.opt_int64(4);
  t.organization_id = r.opt_int64(5);
  t.user_id = r.int64(6);
  t.user_name = r.text(7);
  t.started_at = r.int64(8);
  t.minutes = r.int64(9);
  t.billable = r.int64(10) != 0;
  t.rate_cents = r.int64(11);
  t.amount_cents = r.int64(12);
  t.note = r.text(13);
  t.status = r.text(14);
  t.reason = r.text(15);
  t.decided_by = r.opt_int64(16);
  t.decided_at = r.opt_int64(17);
  t.invoiced_at = r.opt_int64(18);
  t.invoice_ref = r.text(19);
  t.created_at = r.int64(20);
  t.updated_at = r.int64(21);
  return t;
}

Value nullable(const std::optional<std::int64_t>& value) {
  return value ? Value{*value} : Value{nullptr};
}

// The stored columns of `fields` (with billing, rate and amount), in the order of kColumns.
Result<std::vector<Value>> column_values(Txn& txn, const TimesheetFields& fields) {
  TANDEM_ASSIGN(const Billing billing, item_billing(txn, fields.item_id));
  TANDEM_ASSIGN(const std::int64_t rate, hourly_rate_cents(txn, fields.user_id, billing));
  const std::int64_t amount = fields.billable ? (fields.minutes * rate + 30) / 60 : 0;
  return std::vector<Value>{fields.item_id,
                            nullable(billing.project_id),
                            nullable(billing.organization_id),
                            fields.user_id,
                            fields.started_at,
                            fields.minutes,
                            std::int64_t{fields.billable},
                            rate,
                            amount,
                            fields.note,
                            fields.status};
}

constexpr std::string_view kColumns =
    "item_id, project_id, organization_id, user_id, started_at, minutes, billable, rate_cents, amount_cents, "
    "note, status";

}  // namespace

Result<Billing> item_billing(Txn& txn, std::int64_t item_id) {
  TANDEM_ASSIGN(
      const auto row,
      txn.one("SELECT items.project_id, COALESCE("
              "(SELECT c.organization_id FROM item_parties ip JOIN customers c ON c.id = ip.party_id"
              " WHERE ip.item_id = items.id AND ip.role = 'requester' AND ip.party_kind = 'customer'"
              " AND c.organization_id IS NOT NULL ORDER BY ip.party_id LIMIT 1),"
              "(SELECT o.id FROM organizations o WHERE o.intake_project_id = items.project_id ORDER BY o.id"
              " LIMIT 1),"
              "(SELECT pf.party_id FROM project_followers pf WHERE pf.project_id = items.project_id"
              " AND pf.party_kind = 'organization' ORDER BY pf.party_id LIMIT 1)) "
              "FROM items WHERE items.id = ?",
              {item_id}));
  if (!row) return Error::make(ErrorCode::not_found, "no such item");
  return Billing{row->opt_int64(0), row->opt_int64(1)};
}

Result<std::int64_t> hourly_rate_cents(Txn& txn, std::int64_t user_id, const Billing& billing) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT rate_cents FROM hourly_rates WHERE user_id IN (0, ?) AND project_id IN (0, ?)"
                        " AND organization_id IN (0, ?) ORDER BY (project_id <> 0) * 4 +"
                        " (organization_id <> 0) * 2 + (user_id <> 0) DESC LIMIT 1",
                        {user_id, billing.project_id.value_or(0), billing.organization_id.value_or(0)}));
  return row ? row->int64(0) : std::int64_t{0};
}

Result<std::int64_t> insert_timesheet(Txn& txn, const TimesheetFields& fields, TimestampMs now) {
  TANDEM_ASSIGN(auto values, column_values(txn, fields));
  values.insert(values.end(), {now, now});
  return txn.insert("INSERT INTO timesheets(" + std::string(kColumns) +
                        ", day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        " ?, date(?5 / 1000, 'unixepoch'), ?, ?)",
                    values);
}

Status update_timesheet(Txn& txn, std::int64_t id, const TimesheetFields& fields, TimestampMs now) {
  TANDEM_ASSIGN(auto values, column_values(txn, fields));
  values.insert(values.end(), {now, id});
  return txn.exec(
      "UPDATE timesheets SET item_id = ?1, project_id = ?2, organization_id = ?3, user_id = ?4, started_at = "
      "?5,"
      " minutes = ?6, billable = ?7, rate_cents = ?8, amount_cents = ?9, note = ?10, status = ?11,"
      " day = date(?5 / 1000, 'unixepoch'), updated_at = ?12 WHERE id = ?13",
      values);
}

Status delete_timesheet(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM timesheets WHERE id = ?", {id});
}

Status set_timesheet_status(Txn& txn, std::int64_t id, std::string_view status, std::int64_t decided_by,
                            std::string_view reason, TimestampMs now) {
  const bool decided = status == "approved" || status == "rejected";
  return txn.exec(
      "UPDATE timesheets SET status = ?, reason = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id "
      "= ?",
      {std::string(status), std::string(reason), decided ? Value{decided_by} : Value{nullptr},
       decided ? Value{now} : Value{nullptr}, now, id});
}

Status mark_invoiced(Txn& txn, std::int64_t id, std::string_view reference, TimestampMs now) {
  return txn.exec("UPDATE timesheets SET invoiced_at = ?, invoice_ref = ?, updated_at = ? WHERE id = ?",
                  {now, std::string(reference), now, id});
}

Result<std::optional<TimesheetRow>> find_timesheet(Txn& txn, std::int64_t id, const SqlFilter& visible) {
  std::vector<Value> params{id};
  append_filter_params(params, visible);
  TANDEM_ASSIGN(const auto row,
                txn.one(std::string(kSelect) + "WHERE timesheets.id = ? AND " + visible.sql, params));
  if (!row) return std::optional<TimesheetRow>{};
  return std::optional<TimesheetRow>{timesheet_of(*row)};
}

void append_timesheet_filter(std::string& sql, std::vector<Value>& params, const TimesheetFilter& filter) {
  const auto equal = [&](std::string_view column, const auto& value) {
    if (!value) return;
    sql += " AND timesheets." + std::string(column) + " = ?";
    params.emplace_back(*value);
  };
  equal("user_id", filter.user_id);
  equal("project_id", filter.project_id);
  equal("item_id", filter.item_id);
  equal("organization_id", filter.organization_id);
  equal("status", filter.status);
  if (filter.portfolio_id) {
    sql +=
        " AND timesheets.project_id IN (SELECT pp.project_id FROM portfolio_projects pp WHERE "
        "pp.portfolio_id IN"
        " (WITH RECURSIVE under(id) AS (SELECT ? UNION SELECT p.id FROM portfolios p JOIN under ON"
        " p.parent_id = under.id) SELECT id FROM under))";
    params.emplace_back(*filter.portfolio_id);
  }
  if (filter.billable) {
    sql += " AND timesheets.billable = ?";
    params.emplace_back(std::int64_t{*filter.billable});
  }
  if (filter.invoiced)
    sql +=
        *filter.invoiced ? " AND timesheets.invoiced_at IS NOT NULL" : " AND timesheets.invoiced_at IS NULL";
  if (filter.from_day) {
    sql += " AND timesheets.day >= ?";
    params.emplace_back(*filter.from_day);
  }
  if (filter.to_day) {
    sql += " AND timesheets.day <= ?";
    params.emplace_back(*filter.to_day);
  }
}

namespace {

// The visible timesheets matching `filter`, then the conditions and order in `tail` with `tail_params`.
Result<std::vector<TimesheetRow>> select_timesheets(Txn& txn, const SqlFilter& visible,
                                                    const TimesheetFilter& filter, std::string_view tail,
                                                    const std::vector<Value>& tail_params) {
  std::string sql = std::string(kSelect) + "WHERE " + visible.sql;
  std::vector<Value> params;
  append_filter_params(params, visible);
  append_timesheet_filter(sql, params, filter);
  sql += tail;
  params.insert(params.end(), tail_params.begin(), tail_params.end());
  std::vector<TimesheetRow> timesheets;
  TANDEM_TRY(txn.exec(sql, params, [&](const Row& row) { timesheets.push_back(timesheet_of(row)); }));
  return timesheets;
}

}  // namespace

Result<std::vector<TimesheetRow>> list_timesheets(Txn& txn, const SqlFilter& visible,
                                                  const TimesheetFilter& filter, std::int64_t before_id,
                                                  int limit) {
  if (before_id > 0)
    return select_timesheets(txn, visible, filter,
                             " AND timesheets.id < ? ORDER BY timesheets.id DESC LIMIT ?",
                             {before_id, std::int64_t{limit}});
  return select_timesheets(txn, visible, filter, " ORDER BY timesheets.id DESC LIMIT ?",
                           {std::int64_t{limit}});
}

Result<std::vector<TimesheetRow>> list_timesheets_by_project(Txn& txn, const SqlFilter& visible,
                                                             const TimesheetFilter& filter) {
  return select_timesheets(txn, visible, filter,
                           " ORDER BY timesheets.project_id, timesheets.started_at, timesheets.id", {});
}

namespace {

Result<TimeTotals> time_totals(Txn& txn, std::string_view column, std::int64_t id) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT COALESCE(SUM(minutes), 0), COALESCE(SUM(CASE WHEN status = 'approved' THEN "
                        "minutes END), 0), COUNT(*) FROM timesheets WHERE " +
                            std::string(column) + " = ?",
                        {id}));
  return TimeTotals{row->int64(0), row->int64(1), row->int64(2)};
}

}  // namespace

Result<TimeTotals> item_time(Txn& txn, std::int64_t item_id) {
  return time_totals(txn, "item_id", item_id);
}

Result<TimeTotals> project_time(Txn& txn, std::int64_t project_id) {
  return time_totals(txn, "project_id", project_id);
}

Result<std::vector<RateRow>> list_rates(Txn& txn) {
  TANDEM_ASSIGN(const auto rows, txn.all("SELECT user_id, project_id, organization_id, rate_cents FROM "
                                         "hourly_rates ORDER BY project_id, organization_id, user_id"));
  std::vector<RateRow> rates;
  for (const auto& r : rows) rates.push_back(RateRow{r.int64(0), r.int64(1), r.int64(2), r.int64(3)});
  return rates;
}

Status put_rate(Txn& txn, const RateRow& rate, TimestampMs now) {
  return txn.exec(
      "INSERT INTO hourly_rates(user_id, project_id, organization_id, rate_cents, updated_at) VALUES (?, ?, "
      "?, "
      "?, ?) ON CONFLICT (user_id, project_id, organization_id) DO UPDATE SET rate_cents = "
      "excluded.rate_cents,"
      " updated_at = excluded.updated_at",
      {rate.user_id, rate.project_id, rate.organization_id, rate.rate_cents, now});
}

Result<bool> delete_rate(Txn& txn, const RateRow& keys) {
  TANDEM_TRY(txn.exec("DELETE FROM hourly_rates WHERE user_id = ? AND project_id = ? AND organization_id = ?",
                      {keys.user_id, keys.project_id, keys.organization_id}));
  return txn.changes() > 0;
}

Result<bool> item_has_settled_time(Txn& txn, std::int64_t item_id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT 1 FROM timesheets WHERE item_id = ? AND (status = 'approved' OR "
                                  "invoiced_at IS NOT NULL) LIMIT 1",
                                  {item_id}));
  return row.has_value();
}

}  // namespace tandem::store
