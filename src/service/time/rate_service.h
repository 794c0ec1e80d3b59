// Hourly rates per user, project and customer organization (any combination; none = the company rate).
// A timesheet takes the most specific matching rate when written: see store::hourly_rate_cents.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/time/timesheet_repository.h"

namespace tandem::service {

class RateService {
 public:
  RateService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Every rate. Errors: forbidden (Action::manage_rates).
  Result<std::vector<store::RateRow>> list(const Actor& actor);
  /// Stores `{"user_id","project_id","organization_id" (each optional), "hourly_rate"}`, replacing the rate
  /// with the same keys, and records `rate.changed`. Errors: forbidden, validation_failed (an unknown key,
  /// a negative rate, or a user, project or organization that does not exist).
  Result<store::RateRow> put(const Actor& actor, const nlohmann::json& body);
  /// Deletes the rate with the keys of `body` and records `rate.deleted`. Errors: forbidden, not_found,
  /// validation_failed.
  Status remove(const Actor& actor, const nlohmann::json& body);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
