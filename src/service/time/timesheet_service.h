// Timesheets: time a user spent on an item. Manual entry and CSV import, the approval life cycle
// (draft → submitted → approved | rejected; approved ones are locked; rejected ones are edited and
// submitted again), billing (each timesheet's amount at the hourly rate in force when it was written;
// invoiced once) and the actual work of items and projects. Everything through the Policy: an actor sees
// the timesheets Policy::visible_timesheets lets through.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/items/item_service.h"
#include "service/time/time_settings.h"
#include "store/database.h"
#include "store/time/timesheet_repository.h"

namespace tandem::service {

/// The outcome of a CSV import: the created timesheets and, per refused row, why.
struct ImportReport {
  struct RowError {
    std::int64_t row = 0;  // 1 = the first line after the header
    std::string field;
    std::string message;
  };
  std::vector<std::int64_t> ids;
  std::vector<RowError> errors;
};

class TimesheetService {
 public:
  TimesheetService(store::Database& db, const Clock& clock, ItemService& items)
      : db_(db), clock_(clock), items_(items) {}

  /// Records a timesheet from API fields: `item_id` (or `item_number`), `started_at`, `minutes` or
  /// `ended_at`, optional `user_id` (others than oneself: whoever may approve in the item's project),
  /// `billable` (default from the time settings), `note`, `submit` (submit at once) and `item` (changes
  /// applied to the item through ItemService, e.g. {"percent_complete":50,"status_id":3}); records
  /// `timesheet.created`. Errors: forbidden, not_found (item), validation_failed (details.field).
  Result<store::TimesheetRow> create(const Actor& actor, const nlohmann::json& body);
  /// The timesheet when the actor sees it. Errors: not_found.
  Result<store::TimesheetRow> get(const Actor& actor, std::int64_t id);
  /// Changes the fields present in `body` (as for create, without `submit`) and records
  /// `timesheet.updated`. Errors: not_found, forbidden, conflict (approved or invoiced: locked),
  /// validation_failed.
  Result<store::TimesheetRow> update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
  /// Deletes a timesheet that is not approved nor invoiced and records `timesheet.deleted`.
  /// Errors: not_found, forbidden, conflict.
  Status remove(const Actor& actor, std::int64_t id);
  /// The visible timesheets matching `filter`, newest first, ids below `before_id`, at most `limit`.
  /// Errors: forbidden (Action::track_time).
  Result<std::vector<store::TimesheetRow>> list(const Actor& actor, const store::TimesheetFilter& filter,
                                                std::int64_t before_id, int limit);
  /// Submits drafts and rejected timesheets, all or none. Errors: not_found, forbidden, conflict (one in
  /// another status).
  Result<std::vector<store::TimesheetRow>> submit(const Actor& actor, const std::vector<std::int64_t>& ids);
  /// Approves, or rejects with `reason` (required), submitted timesheets, all or none: the actor must be an
  /// admin or a manager or lead of each one's project. Errors: not_found, forbidden, conflict (not
  /// submitted), validation_failed (no ids, no reason).
  Result<std::vector<store::TimesheetRow>> decide(const Actor& actor, const std::vector<std::int64_t>& ids,
                                                  bool approve, const std::string& reason);
  /// Marks approved, billable timesheets invoiced under `reference`, all or none. Errors: forbidden
  /// (Action::invoice_time), not_found, conflict (not approved, not billable, or already invoiced).
  Result<std::vector<store::TimesheetRow>> invoice(const Actor& actor, const std::vector<std::int64_t>& ids,
                                                   const std::string& reference);
  /// Imports the CSV text: its first line names the columns, `mapping` maps timesheet fields (item_id,
  /// item_number, user_email, started_at, date, minutes, hours, billable, note) to column names. Each row
  /// is checked as create() checks a body; refused rows are reported and the others are stored in one
  /// transaction (`submit`: submitted at once). Errors (nothing imported): forbidden, validation_failed
  /// (unreadable CSV, a mapping naming an unknown field or a missing column, no item or minutes mapping).
  Result<ImportReport> import_csv(const Actor& actor, const std::string& csv, const nlohmann::json& mapping,
                                  bool submit);
  /// The actual work on an item (`item_id`) or a project (`project_id`) the actor sees. Errors: forbidden,
  /// not_found, validation_failed (neither or both given).
  Result<store::TimeTotals> actual_work(const Actor& actor, std::optional<std::int64_t> item_id,
                                        std::optional<std::int64_t> project_id);

  /// The approved time logged on an item, as a customer sees it on the portal: only when the time settings
  /// show time to customers (Policy::can_see_item_time) and the customer sees the item. Errors: forbidden,
  /// not_found.
  Result<store::TimeTotals> portal_item_time(const Actor& customer, std::int64_t item_id);

  /// Records the actor's timesheet of `minutes` on `item_id` started at `started_at` in `txn` (a write
  /// transaction), submitted at once unless the settings ask for review, with `body`'s note and billable.
  /// Errors: as create.
  Result<std::int64_t> record_measured(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                                       TimestampMs started_at, std::int64_t minutes,
                                       const nlohmann::json& body);
  /// Applies the body's `item` member (changes to the item) through ItemService in `txn`, a write
  /// transaction, at `now`. Errors: as ItemService::update_item.
  Status apply_item_changes(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                            const nlohmann::json& body, TimestampMs now);

 private:
  store::Database& db_;
  const Clock& clock_;
  ItemService& items_;
};

}  // namespace tandem::service
