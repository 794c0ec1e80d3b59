#include "service/settings/module_service.h"

#include "core/policy.h"
#include "store/event_log.h"
#include "store/settings/settings_repository.h"

namespace tandem::service {

namespace {

constexpr std::string_view kKey = "modules";

ModuleSwitches switches_of(const std::optional<std::string>& text) {
  ModuleSwitches on;
  on.fill(true);
  const auto stored = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
  if (!stored.is_object()) return on;
  for (const Module module : kAllModules) {
    const auto it = stored.find(std::string(to_string(module)));
    if (it != stored.end() && it->is_boolean()) on[static_cast<std::size_t>(module)] = it->get<bool>();
  }
  return on;
}

nlohmann::json json_of(const ModuleSwitches& on) {
  nlohmann::json out = nlohmann::json::object();
  for (const Module module : kAllModules)
    out[std::string(to_string(module))] = on[static_cast<std::size_t>(module)];
  return out;
}

std::optional<Module> parse_module(std::string_view name) {
  for (const Module module : kAllModules)
    if (to_string(module) == name) return module;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Module module) {
  switch (module) {
    case Module::tickets:
      return "tickets";
    case Module::tasks:
      return "tasks";
    case Module::timesheets:
      return "timesheets";
    case Module::knowledge_base:
      return "knowledge_base";
    case Module::messenger:
      return "messenger";
    case Module::portal:
      return "portal";
    case Module::web_forms:
      return "web_forms";
  }
  return "tickets";
}

Result<ModuleSwitches> ModuleService::switches() {
  {
    std::lock_guard lock(mutex_);
    if (cached_) return *cached_;
  }
  std::optional<std::string> text;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(text, store::load_setting(txn, kKey));
    return {};
  }));
  std::lock_guard lock(mutex_);
  if (!cached_) cached_ = switches_of(text);
  return *cached_;
}

Result<nlohmann::json> ModuleService::get(const Actor& actor) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see the module switches");
  TANDEM_ASSIGN(const auto on, switches());
  return json_of(on);
}

Result<nlohmann::json> ModuleService::put(const Actor& actor, const nlohmann::json& changes) {
  if (!Policy::can(actor, Action::manage_settings))
    return Error::make(ErrorCode::forbidden, "only admins switch modules");
  std::vector<std::pair<Module, bool>> wanted;
  for (const auto& [key, value] : changes.items()) {
    const auto module = parse_module(key);
    if (!module)
      return Error::make(ErrorCode::validation_failed, "there is no module " + key).with("field", key);
    if (!value.is_boolean())
      return Error::make(ErrorCode::validation_failed, key + " must be true or false").with("field", key);
    wanted.emplace_back(*module, value.get<bool>());
  }
  ModuleSwitches on{};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto text, store::load_setting(txn, kKey));
    on = switches_of(text);
    const nlohmann::json before = json_of(on);
    for (const auto& [module, value] : wanted) on[static_cast<std::size_t>(module)] = value;
    const nlohmann::json after = json_of(on);
    if (after == before) return {};
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(store::store_setting(txn, kKey, after.dump(), now));
    const nlohmann::json payload = {{"from", before}, {"to", after}};
    return status_of(
        store::append_event(txn, actor, now, "settings", 0, "settings.modules_changed", payload.dump()));
  }));
  std::lock_guard lock(mutex_);
  cached_ = on;
  return json_of(on);
}

Result<bool> ModuleService::enabled(Module module) {
  TANDEM_ASSIGN(const auto on, switches());
  return on[static_cast<std::size_t>(module)];
}

Status ModuleService::require(Module module) {
  TANDEM_ASSIGN(const bool on, enabled(module));
  if (!on)
    return Error::make(ErrorCode::module_disabled,
                       "the " + std::string(to_string(module)) + " module is switched off");
  return {};
}

Status ModuleService::require_item_type(std::string_view type_key) {
  return require(app_of_item_type(type_key) == App::tickets ? Module::tickets : Module::tasks);
}

Result<SqlFilter> ModuleService::shown_items(SqlFilter visible) {
  TANDEM_ASSIGN(const bool tickets, enabled(Module::tickets));
  TANDEM_ASSIGN(const bool tasks, enabled(Module::tasks));
  visible.sql += item_apps_condition(tickets, tasks);
  return visible;
}

}  // namespace tandem::service
