#include "service/time/timer_service.h"

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/time/time_rules.h"
#include "service/time/time_settings.h"
#include "store/items/item_repository.h"

namespace tandem::service {

namespace {

Status require_tracking(const Actor& actor) {
  if (!actor.is_user() || !Policy::can(actor, Action::track_time))
    return Error::make(ErrorCode::forbidden, "the timesheets app is not open to you");
  return {};
}

Result<store::TimerRow> own_timer(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto timer, store::find_user_timer(txn, id, actor.user_id));
  if (!timer) return Error::make(ErrorCode::not_found, "no such timer");
  return std::move(*timer);
}

Status record(store::Txn& txn, const Actor& actor, const store::TimerRow& timer, std::string_view kind,
              TimestampMs now) {
  return record_event(txn, actor, now, "timer", timer.id, kind, {{"item_id", timer.item_id}});
}

}  // namespace

Result<std::vector<store::TimerRow>> TimerService::list(const Actor& actor) {
  TANDEM_TRY(require_tracking(actor));
  std::vector<store::TimerRow> timers;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(timers, store::user_timers(txn, actor.user_id));
    return {};
  }));
  return timers;
}

Result<store::TimerRow> TimerService::start(const Actor& actor, std::int64_t item_id) {
  TANDEM_TRY(require_tracking(actor));
  TANDEM_TRY(status_of(items_.get_item(actor, item_id)));
  TimeSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_time_settings(txn));
    return {};
  }));
  if (settings.assign_on_start)
    TANDEM_TRY(status_of(items_.update_item(
        actor, item_id, {{"assignees", nlohmann::json::array({{{"kind", "user"}, {"id", actor.user_id}}})}},
        std::nullopt)));
  store::TimerRow started;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, load_time_settings(txn));
    TANDEM_ASSIGN(const auto timers, store::user_timers(txn, actor.user_id));
    for (const auto& timer : timers)
      if (timer.item_id == item_id)
        return Error::make(ErrorCode::conflict, "you already have a timer on this item")
            .with("timer_id", std::to_string(timer.id));
    if (current.concurrency == TimerConcurrency::single && !timers.empty())
      return Error::make(ErrorCode::conflict, "stop your timer before starting another")
          .with("timer_id", std::to_string(timers.front().id));
    const TimestampMs now = clock_.now_ms();
    if (current.concurrency == TimerConcurrency::one_running_many_paused)
      TANDEM_TRY(store::pause_user_timers(txn, actor.user_id, 0, now));
    TANDEM_ASSIGN(const std::int64_t id, store::insert_timer(txn, actor.user_id, item_id, now));
    TANDEM_ASSIGN(started, own_timer(txn, actor, id));
    return record(txn, actor, started, "timer.started", now);
  }));
  return started;
}

Result<store::TimerRow> TimerService::change(
    const Actor& actor, std::int64_t id,
    const std::function<Status(store::Txn&, const store::TimerRow&)>& change) {
  TANDEM_TRY(require_tracking(actor));
  store::TimerRow changed;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto timer, own_timer(txn, actor, id));
    TANDEM_TRY(change(txn, timer));
    TANDEM_ASSIGN(changed, own_timer(txn, actor, id));
    return {};
  }));
  return changed;
}

Result<store::TimerRow> TimerService::pause(const Actor& actor, std::int64_t timer_id) {
  return change(actor, timer_id, [&](store::Txn& txn, const store::TimerRow& timer) -> Status {
    if (timer.state != "running") return Error::make(ErrorCode::conflict, "the timer is not running");
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(store::set_timer_running(txn, timer.id, false, now));
    return record(txn, actor, timer, "timer.paused", now);
  });
}

Result<store::TimerRow> TimerService::resume(const Actor& actor, std::int64_t timer_id) {
  return change(actor, timer_id, [&](store::Txn& txn, const store::TimerRow& timer) -> Status {
    if (timer.state != "paused") return Error::make(ErrorCode::conflict, "the timer is not paused");
    TANDEM_ASSIGN(const auto settings, load_time_settings(txn));
    const TimestampMs now = clock_.now_ms();
    if (settings.concurrency == TimerConcurrency::one_running_many_paused)
      TANDEM_TRY(store::pause_user_timers(txn, actor.user_id, timer.id, now));
    TANDEM_TRY(store::set_timer_running(txn, timer.id, true, now));
    return record(txn, actor, timer, "timer.resumed", now);
  });
}

Result<store::TimesheetRow> TimerService::stop(const Actor& actor, std::int64_t timer_id,
                                               const nlohmann::json& body) {
  TANDEM_TRY(require_tracking(actor));
  if (!body.is_object()) return invalid("timer", "the body is a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "note" && key != "billable" && key != "item")
      return invalid(key, "stopping a timer takes note, billable and item, not " + key);
  std::int64_t timesheet_id = 0;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto timer, own_timer(txn, actor, timer_id));
    const TimestampMs now = clock_.now_ms();
    const std::int64_t elapsed = timer.elapsed_ms + (timer.resumed_at ? now - *timer.resumed_at : 0);
    TANDEM_ASSIGN(timesheet_id, timesheets_.record_measured(txn, actor, timer.item_id, timer.started_at,
                                                            minutes_of_elapsed(elapsed), body));
    TANDEM_TRY(timesheets_.apply_item_changes(txn, actor, timer.item_id, body, now));
    TANDEM_TRY(store::delete_timer(txn, timer.id));
    return record(txn, actor, timer, "timer.stopped", now);
  }));
  return timesheets_.get(actor, timesheet_id);
}

}  // namespace tandem::service
