// The one Policy: every service asks it whether an actor may do something or see something.
// Later capabilities add actions and a SQL visibility predicate here, never in handlers.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/actor.h"

namespace tandem {

enum class Action {
  view_users,         // list and read internal users
  manage_users,       // create, change, deactivate internal users
  manage_own_tokens,  // create, list and revoke one's own API tokens
  view_own_profile,   // read /me
  subscribe_live,     // open the live event channel
};

class Policy {
 public:
  /// True when `actor` may perform `action`. Pure and thread-safe.
  static bool can(const Actor& actor, Action action);
  /// True when `actor` may see an event about (entity_type, entity_id) caused by `author_user_id`.
  static bool can_see_event(const Actor& actor, std::string_view entity_type, std::int64_t entity_id,
                            std::int64_t author_user_id);
};

}  // namespace tandem
