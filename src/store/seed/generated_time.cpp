#include "store/seed/generated_time.h"

#include <array>
#include <random>

namespace tandem::store {

Status insert_generated_timesheets(Txn& txn, const TimesheetSeed& seed) {
  if (seed.items.empty() || seed.user_ids.empty() || seed.days <= 0)
    return Error::make(ErrorCode::validation_failed, "a timesheet seed needs items, users and days");
  constexpr std::array<std::string_view, 4> kStatuses = {"draft", "submitted", "approved", "rejected"};
  constexpr std::array<std::int64_t, 6> kMinutes = {15, 30, 45, 60, 90, 120};
  std::mt19937_64 random(20261123);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  for (std::int64_t i = 0; i < seed.count; ++i) {
    const auto& item = seed.items[pick(seed.items.size())];
    const std::int64_t user = seed.user_ids[pick(seed.user_ids.size())];
    const TimestampMs started = seed.first_day + static_cast<TimestampMs>(pick(seed.days)) * 86'400'000 +
                                (8 + static_cast<TimestampMs>(pick(10))) * 3'600'000;
    const std::int64_t minutes = kMinutes[pick(kMinutes.size())];
    const bool chosen = item.organization_id != 0 && item.organization_id == seed.approved_organization_id;
    const bool billable = chosen || pick(4) != 0;
    const std::string_view status = chosen ? "approved" : kStatuses[pick(kStatuses.size())];
    const std::int64_t amount = billable ? minutes * seed.rate_cents / 60 : 0;
    TANDEM_TRY(txn.exec(
        "INSERT INTO timesheets(item_id, project_id, organization_id, user_id, started_at, day, minutes, "
        "billable, rate_cents, amount_cents, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
        "date(?5 / 1000, 'unixepoch'), ?, ?, ?, ?, ?, ?5, ?5)",
        {item.id, item.project_id ? Value{item.project_id} : Value{nullptr},
         item.organization_id ? Value{item.organization_id} : Value{nullptr}, user, started, minutes,
         std::int64_t{billable}, seed.rate_cents, amount, std::string(status)}));
  }
  return {};
}

}  // namespace tandem::store
