// Bulk loading of generated timesheets, for benchmarks: plain inserts without events, many per
// transaction, over items, users and organizations that already exist.
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

/// Where generated timesheets go: each picks an item (with its project and organization), a user and a
/// day at random (a fixed seed, so every run writes the same rows).
struct TimesheetSeed {
  struct Item {
    std::int64_t id = 0;
    std::int64_t project_id = 0;       // 0 = outside any project
    std::int64_t organization_id = 0;  // 0 = none
  };
  std::int64_t count = 0;
  std::vector<Item> items;
  std::vector<std::int64_t> user_ids;
  TimestampMs first_day = 0;  // midnight UTC of the first day
  int days = 365;
  std::int64_t rate_cents = 10'000;
  std::int64_t approved_organization_id = 0;  // its timesheets are approved and billable; others are mixed
};

/// Inserts `seed.count` timesheets. Writable transaction.
Status insert_generated_timesheets(Txn& txn, const TimesheetSeed& seed);

}  // namespace tandem::store
