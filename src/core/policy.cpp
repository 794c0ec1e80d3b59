#include "core/policy.h"

namespace tandem {

bool Policy::can(const Actor& actor, Action action) {
  if (actor.kind == Actor::Kind::system) return true;
  if (!actor.is_user()) return false;
  switch (action) {
    case Action::view_users:
    case Action::manage_own_tokens:
    case Action::view_own_profile:
    case Action::subscribe_live:
      return true;
    case Action::manage_users:
      return actor.role == Role::admin;
  }
  return false;
}

bool Policy::can_see_event(const Actor& actor, std::string_view entity_type, std::int64_t entity_id,
                           std::int64_t author_user_id) {
  if (actor.kind == Actor::Kind::system) return true;
  if (!actor.is_user()) return false;
  if (entity_type == "user") return can(actor, Action::view_users) || entity_id == actor.user_id;
  if (entity_type == "api_token") return author_user_id == actor.user_id;
  return actor.role == Role::admin;
}

}  // namespace tandem
