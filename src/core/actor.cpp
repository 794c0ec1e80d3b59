#include "core/actor.h"

namespace tandem {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::manager:
      return "manager";
    case Role::agent:
      return "agent";
  }
  return "agent";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "manager") return Role::manager;
  if (name == "agent") return Role::agent;
  return std::nullopt;
}

std::string Actor::label() const {
  switch (kind) {
    case Kind::anonymous:
      return "anonymous";
    case Kind::system:
      return "system";
    case Kind::user:
      return "user:" + std::to_string(user_id);
  }
  return "anonymous";
}

}  // namespace tandem
