// Timesheets: time a user spent on an item, with its approval and billing state, and the hourly rates
// their amounts come from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/policy.h"
#include "store/database.h"

namespace tandem::store {

struct TimesheetRow {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::int64_t item_number = 0;
  std::string item_title;
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> organization_id;
  std::int64_t user_id = 0;
  std::string user_name;
  TimestampMs started_at = 0;
  std::int64_t minutes = 0;
  bool billable = true;
  std::int64_t rate_cents = 0;
  std::int64_t amount_cents = 0;
  std::string note;
  std::string status;  // draft, submitted, approved, rejected
  std::string reason;  // why it was rejected
  std::optional<std::int64_t> decided_by;
  std::optional<TimestampMs> decided_at;
  std::optional<TimestampMs> invoiced_at;
  std::string invoice_ref;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

/// What a write sets on a timesheet; the item's project and organization and the rate are looked up.
struct TimesheetFields {
  std::int64_t item_id = 0;
  std::int64_t user_id = 0;
  TimestampMs started_at = 0;
  std::int64_t minutes = 0;
  bool billable = true;
  std::string note;
  std::string status = "draft";
};

/// Filters of a timesheet list; unset ones do not filter.
struct TimesheetFilter {
  std::optional<std::int64_t> user_id, project_id, item_id, organization_id;
  std::optional<std::int64_t> portfolio_id;  // projects in the portfolio or any portfolio under it
  std::optional<std::string> status;
  std::optional<bool> billable, invoiced;
  std::optional<std::string> from_day, to_day;  // YYYY-MM-DD, both inclusive
};

/// The item's project (nullopt outside projects) and the organization billed for it: the organization of
/// the item's first customer requester, else the organization whose intake project holds the item, else the
/// first organization following the item's project.
struct Billing {
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> organization_id;
};
Result<Billing> item_billing(Txn& txn, std::int64_t item_id);

/// The hourly rate (cents) for `user_id` working on `billing`: the matching rate row whose keys are most
/// specific, ranked project, then organization, then user (user+project > project > user+organization >
/// organization > user > the company rate with no key); 0 when none matches.
Result<std::int64_t> hourly_rate_cents(Txn& txn, std::int64_t user_id, const Billing& billing);

/// Inserts a timesheet; returns its id. Writable transaction.
Result<std::int64_t> insert_timesheet(Txn& txn, const TimesheetFields& fields, TimestampMs now);
/// Replaces the fields of a timesheet (and recomputes its project, organization, rate and amount).
/// Writable transaction.
Status update_timesheet(Txn& txn, std::int64_t id, const TimesheetFields& fields, TimestampMs now);
/// Deletes a timesheet. Writable transaction.
Status delete_timesheet(Txn& txn, std::int64_t id);
/// Sets the approval status (with the deciding user and reason when approved or rejected). Writable.
Status set_timesheet_status(Txn& txn, std::int64_t id, std::string_view status, std::int64_t decided_by,
                            std::string_view reason, TimestampMs now);
/// Marks the timesheet invoiced with `reference`. Writable transaction.
Status mark_invoiced(Txn& txn, std::int64_t id, std::string_view reference, TimestampMs now);

/// The timesheet when `visible` (Policy::visible_timesheets) lets it through, else nullopt.
Result<std::optional<TimesheetRow>> find_timesheet(Txn& txn, std::int64_t id, const SqlFilter& visible);
/// Visible timesheets matching `filter`, newest start first, ids below `before_id` (0 = from the top), at
/// most `limit`.
Result<std::vector<TimesheetRow>> list_timesheets(Txn& txn, const SqlFilter& visible,
                                                  const TimesheetFilter& filter, std::int64_t before_id,
                                                  int limit);
/// Every visible timesheet matching `filter`, ordered by project (those outside projects first), start and
/// id: the lines of an invoice.
Result<std::vector<TimesheetRow>> list_timesheets_by_project(Txn& txn, const SqlFilter& visible,
                                                             const TimesheetFilter& filter);
/// Appends " AND …" conditions on `timesheets` for `filter` to `sql`, and their values to `params`.
void append_timesheet_filter(std::string& sql, std::vector<Value>& params, const TimesheetFilter& filter);

/// Minutes logged on one item and the count of timesheets (every status).
struct TimeTotals {
  std::int64_t minutes = 0;
  std::int64_t approved_minutes = 0;
  std::int64_t count = 0;
};
/// The totals of an item's timesheets.
Result<TimeTotals> item_time(Txn& txn, std::int64_t item_id);
/// Whether the item has approved or invoiced timesheets: time that was billed, or may be, and must stay.
Result<bool> item_has_settled_time(Txn& txn, std::int64_t item_id);
/// The totals of a project's timesheets.
Result<TimeTotals> project_time(Txn& txn, std::int64_t project_id);

struct RateRow {
  std::int64_t user_id = 0;  // 0 = any
  std::int64_t project_id = 0;
  std::int64_t organization_id = 0;
  std::int64_t rate_cents = 0;
};
/// Every rate row.
Result<std::vector<RateRow>> list_rates(Txn& txn);
/// Stores a rate, replacing the one with the same keys. Writable transaction.
Status put_rate(Txn& txn, const RateRow& rate, TimestampMs now);
/// Deletes the rate with these keys; false when there was none. Writable transaction.
Result<bool> delete_rate(Txn& txn, const RateRow& keys);

}  // namespace tandem::store
