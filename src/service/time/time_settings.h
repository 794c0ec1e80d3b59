// The time settings document ("time" in the settings table): how many timers a user may run, what starting
// and stopping one does, the default of `billable`, and whether customers see the time logged on their
// items. Missing keys take the defaults below.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// How many timers one user may have at once.
enum class TimerConcurrency {
  several_running,          // any number, all running at once
  one_running_many_paused,  // starting or resuming one pauses the running one
  single,                   // one timer at a time: starting another is refused while one exists
};

/// The stable name of a concurrency rule ("several_running", …).
std::string_view to_string(TimerConcurrency concurrency);

struct TimeSettings {
  TimerConcurrency concurrency = TimerConcurrency::one_running_many_paused;
  bool assign_on_start = false;         // starting a timer makes the user the item's only assignee
  bool review_before_submit = true;     // stopping makes a draft; off: the timesheet is submitted at once
  bool billable_by_default = true;      // `billable` of a timesheet that does not say
  bool show_time_to_customers = false;  // the portal shows the time logged on a customer's items
};

/// The stored time settings (defaults for what is not stored).
Result<TimeSettings> load_time_settings(store::Txn& txn);
/// The settings as API JSON.
nlohmann::json time_settings_json(const TimeSettings& settings);
/// `base` with the members of `body` applied. Errors: validation_failed (details.field names the member).
Result<TimeSettings> apply_time_settings(TimeSettings base, const nlohmann::json& body);

class TimeSettingsService {
 public:
  TimeSettingsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// The settings. Errors: forbidden (Action::track_time).
  Result<TimeSettings> get(const Actor& actor);
  /// Applies the members of `body`, stores the settings and records `settings.time_changed`.
  /// Errors: forbidden (Action::manage_time_settings), validation_failed.
  Result<TimeSettings> put(const Actor& actor, const nlohmann::json& body);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
