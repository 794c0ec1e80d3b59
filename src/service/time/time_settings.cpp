#include "service/time/time_settings.h"

#include <array>

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "store/settings/settings_repository.h"

namespace tandem::service {

namespace {

constexpr std::string_view kKey = "time";
constexpr std::array kConcurrencies = {TimerConcurrency::several_running,
                                       TimerConcurrency::one_running_many_paused, TimerConcurrency::single};

// The switches of the document, each with the member it sets.
struct Switch {
  std::string_view key;
  bool TimeSettings::*member;
};
constexpr std::array<Switch, 4> kSwitches = {
    {{"assign_on_start", &TimeSettings::assign_on_start},
     {"review_before_submit", &TimeSettings::review_before_submit},
     {"billable_by_default", &TimeSettings::billable_by_default},
     {"show_time_to_customers", &TimeSettings::show_time_to_customers}}};

}  // namespace

std::string_view to_string(TimerConcurrency concurrency) {
  switch (concurrency) {
    case TimerConcurrency::several_running:
      return "several_running";
    case TimerConcurrency::one_running_many_paused:
      return "one_running_many_paused";
    case TimerConcurrency::single:
      return "single";
  }
  return "single";
}

nlohmann::json time_settings_json(const TimeSettings& settings) {
  nlohmann::json json = {{"timer_concurrency", to_string(settings.concurrency)}};
  for (const auto& [key, member] : kSwitches) json[std::string(key)] = settings.*member;
  return json;
}

Result<TimeSettings> apply_time_settings(TimeSettings settings, const nlohmann::json& body) {
  if (!body.is_object()) return invalid("settings", "the settings must be an object");
  for (const auto& [key, value] : body.items()) {
    if (key == "timer_concurrency") {
      const auto it = std::find_if(kConcurrencies.begin(), kConcurrencies.end(), [&](TimerConcurrency c) {
        return value.is_string() && value.get<std::string>() == to_string(c);
      });
      if (it == kConcurrencies.end())
        return invalid(key, "timer_concurrency is several_running, one_running_many_paused or single");
      settings.concurrency = *it;
      continue;
    }
    const auto it =
        std::find_if(kSwitches.begin(), kSwitches.end(), [&](const Switch& s) { return s.key == key; });
    if (it == kSwitches.end()) return invalid(key, "there is no time setting " + key);
    if (!value.is_boolean()) return invalid(key, key + " must be true or false");
    settings.*(it->member) = value.get<bool>();
  }
  return settings;
}

Result<TimeSettings> load_time_settings(store::Txn& txn) {
  TANDEM_ASSIGN(const auto stored, store::load_setting(txn, kKey));
  if (!stored) return TimeSettings{};
  return apply_time_settings(TimeSettings{}, nlohmann::json::parse(*stored));
}

Result<TimeSettings> TimeSettingsService::get(const Actor& actor) {
  if (!Policy::can(actor, Action::track_time))
    return Error::make(ErrorCode::forbidden, "the timesheets app is not open to you");
  TimeSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_time_settings(txn));
    return {};
  }));
  return settings;
}

Result<TimeSettings> TimeSettingsService::put(const Actor& actor, const nlohmann::json& body) {
  if (!Policy::can(actor, Action::manage_time_settings))
    return Error::make(ErrorCode::forbidden, "only admins change the time settings");
  TimeSettings settings;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, load_time_settings(txn));
    TANDEM_ASSIGN(settings, apply_time_settings(current, body));
    const TimestampMs now = clock_.now_ms();
    const nlohmann::json json = time_settings_json(settings);
    TANDEM_TRY(store::store_setting(txn, kKey, json.dump(), now));
    return record_event(txn, actor, now, "settings", 0, "settings.time_changed", json);
  }));
  return settings;
}

}  // namespace tandem::service
