// The time report's one query: visible timesheets, filtered, grouped on up to three keys by SQL, summed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/policy.h"
#include "store/database.h"
#include "store/time/timesheet_repository.h"

namespace tandem::store {

/// What a report may group on.
enum class TimeGrouping { organization, project, user, item, day, week, month };

/// One group of the finest level: its keys and labels (one per grouping, "" and null for "none") and sums.
struct TimeGroupRow {
  std::vector<Value> keys;
  std::vector<std::string> labels;
  std::int64_t minutes = 0;
  std::int64_t billable_minutes = 0;
  std::int64_t amount_cents = 0;
  std::int64_t count = 0;
};

/// The groups of the visible timesheets matching `filter` on `groupings` (0 to 3), ordered by their keys.
/// With no grouping, one row holds the grand total.
Result<std::vector<TimeGroupRow>> group_timesheets(Txn& txn, const SqlFilter& visible,
                                                   const TimesheetFilter& filter,
                                                   const std::vector<TimeGrouping>& groupings);

}  // namespace tandem::store
