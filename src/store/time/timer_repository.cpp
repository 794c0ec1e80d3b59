#include "store/time/timer_repository.h"

namespace tandem::store {

namespace {

constexpr std::string_view kSelect =
    "SELECT t.id, t.user_id, t.item_id, i.title, i.number, t.state, t.started_at, t.resumed_at, t.elapsed_ms "
    "FROM timers t JOIN items i ON i.id = t.item_id ";

// Pausing: the current run is added to elapsed_ms. Append the WHERE condition.
constexpr std::string_view kPause =
    "UPDATE timers SET state = 'paused', elapsed_ms = elapsed_ms + MAX(0, ? - resumed_at), resumed_at = NULL "
    "WHERE state = 'running' AND ";

TimerRow timer_of(const Row& row) {
  return TimerRow{row.int64(0), row.int64(1), row.int64(2),     row.text(3), row.int64(4),
                  row.text(5),  row.int64(6), row.opt_int64(7), row.int64(8)};
}

}  // namespace

Result<std::vector<TimerRow>> user_timers(Txn& txn, std::int64_t user_id) {
  TANDEM_ASSIGN(const auto rows,
                txn.all(std::string(kSelect) + "WHERE t.user_id = ? ORDER BY t.id", {user_id}));
  std::vector<TimerRow> timers;
  for (const auto& row : rows) timers.push_back(timer_of(row));
  return timers;
}

Result<std::optional<TimerRow>> find_user_timer(Txn& txn, std::int64_t id, std::int64_t user_id) {
  TANDEM_ASSIGN(const auto row,
                txn.one(std::string(kSelect) + "WHERE t.id = ? AND t.user_id = ?", {id, user_id}));
  if (!row) return std::optional<TimerRow>{};
  return std::optional<TimerRow>{timer_of(*row)};
}

Result<std::int64_t> insert_timer(Txn& txn, std::int64_t user_id, std::int64_t item_id, TimestampMs now) {
  return txn.insert(
      "INSERT INTO timers(user_id, item_id, state, started_at, resumed_at) "
      "VALUES (?, ?, 'running', ?, ?)",
      {user_id, item_id, now, now});
}

Status pause_user_timers(Txn& txn, std::int64_t user_id, std::int64_t except_id, TimestampMs now) {
  return txn.exec(std::string(kPause) + "user_id = ? AND id <> ?", {now, user_id, except_id});
}

Status set_timer_running(Txn& txn, std::int64_t id, bool running, TimestampMs now) {
  if (running)
    return txn.exec("UPDATE timers SET state = 'running', resumed_at = ? WHERE id = ? AND state = 'paused'",
                    {now, id});
  return txn.exec(std::string(kPause) + "id = ?", {now, id});
}

Status delete_timer(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM timers WHERE id = ?", {id});
}

}  // namespace tandem::store
