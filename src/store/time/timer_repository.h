// Timers: one row per running or paused timer of a user on an item, so they survive a restart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct TimerRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t item_id = 0;
  std::string item_title;
  std::int64_t item_number = 0;
  std::string state;  // running or paused
  TimestampMs started_at = 0;
  std::optional<TimestampMs> resumed_at;  // set while running
  std::int64_t elapsed_ms = 0;            // measured before the current run
};

/// The user's timers, oldest first.
Result<std::vector<TimerRow>> user_timers(Txn& txn, std::int64_t user_id);
/// The timer `id` when it belongs to `user_id`, else nullopt.
Result<std::optional<TimerRow>> find_user_timer(Txn& txn, std::int64_t id, std::int64_t user_id);
/// Inserts a running timer started at `now`; returns its id. Writable transaction.
Result<std::int64_t> insert_timer(Txn& txn, std::int64_t user_id, std::int64_t item_id, TimestampMs now);
/// Pauses every running timer of the user except `except_id` at `now`. Writable transaction.
Status pause_user_timers(Txn& txn, std::int64_t user_id, std::int64_t except_id, TimestampMs now);
/// Pauses (adding the current run to elapsed_ms) or resumes the timer at `now`. Writable transaction.
Status set_timer_running(Txn& txn, std::int64_t id, bool running, TimestampMs now);
/// Deletes the timer. Writable transaction.
Status delete_timer(Txn& txn, std::int64_t id);

}  // namespace tandem::store
