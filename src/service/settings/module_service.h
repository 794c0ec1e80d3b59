// Module switches: whole parts of Tandem (tickets, tasks, timesheets, knowledge base, messenger, portal,
// web forms) can be turned off company-wide. A disabled module's endpoints answer 404 `module_disabled`.
// The switches are the settings document "modules", cached in memory and reloaded after every change made
// through this service (another process's change shows after its restart).
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/policy.h"
#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

enum class Module { tickets, tasks, timesheets, knowledge_base, messenger, portal, web_forms };
inline constexpr std::array kAllModules{Module::tickets,        Module::tasks,     Module::timesheets,
                                        Module::knowledge_base, Module::messenger, Module::portal,
                                        Module::web_forms};

/// The stable name of a module ("tickets", "knowledge_base", …).
std::string_view to_string(Module module);

/// Which modules are on, indexed by Module.
using ModuleSwitches = std::array<bool, kAllModules.size()>;

class ModuleService {
 public:
  ModuleService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Every switch as {"tickets":true,…}. Errors: forbidden (not signed in as an internal user).
  Result<nlohmann::json> get(const Actor& actor);
  /// Sets the switches named in `changes` (booleans; the others keep their value), records
  /// `settings.modules_changed`, and returns every switch. Errors: forbidden (not an admin),
  /// validation_failed (an unknown module or a value that is not a boolean).
  Result<nlohmann::json> put(const Actor& actor, const nlohmann::json& changes);
  /// Whether `module` is on (the cached switches; read from the store the first time). Thread-safe.
  Result<bool> enabled(Module module);
  /// Succeeds when `module` is on. Errors: module_disabled.
  Status require(Module module);
  /// Succeeds when the module of items of type `type_key` (tickets, or tasks for the other types) is on.
  /// Errors: module_disabled.
  Status require_item_type(std::string_view type_key);
  /// `visible` (a filter on `items`) narrowed to the items whose module, tickets or tasks, is on: every
  /// list, count and search of items goes through it. Errors: the store's.
  Result<SqlFilter> shown_items(SqlFilter visible);

 private:
  Result<ModuleSwitches> switches();

  store::Database& db_;
  const Clock& clock_;
  std::mutex mutex_;
  std::optional<ModuleSwitches> cached_;
};

}  // namespace tandem::service
