// Timers: a user starts one on an item, pauses, resumes and stops it; stopping turns the measured time into
// a timesheet (a draft to review, or submitted at once, as the time settings say). Timers are rows, so
// they survive a restart. How many a user may have is the settings' timer_concurrency.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/items/item_service.h"
#include "service/time/timesheet_service.h"
#include "store/database.h"
#include "store/time/timer_repository.h"

namespace tandem::service {

class TimerService {
 public:
  TimerService(store::Database& db, const Clock& clock, ItemService& items, TimesheetService& timesheets)
      : db_(db), clock_(clock), items_(items), timesheets_(timesheets) {}

  /// The actor's running and paused timers, oldest first. Errors: forbidden (Action::track_time).
  Result<std::vector<store::TimerRow>> list(const Actor& actor);
  /// Starts a timer on an item the actor sees and records `timer.started`. one_running_many_paused pauses
  /// the running one; single refuses while one exists; assign_on_start makes the actor the item's only
  /// assignee (through ItemService). Errors: forbidden, not_found, conflict (a timer on this item already,
  /// or another under `single`).
  Result<store::TimerRow> start(const Actor& actor, std::int64_t item_id);
  /// Pauses a running timer of the actor. Errors: forbidden, not_found, conflict (not running).
  Result<store::TimerRow> pause(const Actor& actor, std::int64_t timer_id);
  /// Resumes a paused timer (one_running_many_paused pauses the running one). Errors: forbidden,
  /// not_found, conflict (not paused).
  Result<store::TimerRow> resume(const Actor& actor, std::int64_t timer_id);
  /// Stops a timer: its measured time (whole minutes, at least 1) becomes a timesheet with `body`'s note,
  /// billable and item changes, as TimesheetService::record_measured; the timer is gone. Returns the
  /// timesheet. Errors: forbidden, not_found, validation_failed.
  Result<store::TimesheetRow> stop(const Actor& actor, std::int64_t timer_id, const nlohmann::json& body);

 private:
  // The actor's timer `id` after `change` ran on it in a write transaction.
  Result<store::TimerRow> change(const Actor& actor, std::int64_t id,
                                 const std::function<Status(store::Txn&, const store::TimerRow&)>& change);

  store::Database& db_;
  const Clock& clock_;
  ItemService& items_;
  TimesheetService& timesheets_;
};

}  // namespace tandem::service
