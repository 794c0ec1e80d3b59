// Who is acting. An Actor reaches every service call; the Policy decides what it may do and see.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tandem {

/// Role of an internal user: what the person does in the company.
enum class Role { admin, manager, agent };

/// The stable name of a role ("admin", "manager", "agent").
std::string_view to_string(Role role);
/// Parses a role name; nullopt when it is not one.
std::optional<Role> parse_role(std::string_view name);

struct Actor {
  enum class Kind { anonymous, user, system };

  Kind kind = Kind::anonymous;
  std::int64_t user_id = 0;  // set when kind == user
  Role role = Role::agent;   // meaningful when kind == user
  std::string name;

  /// Nobody signed in.
  static Actor anonymous() { return Actor{}; }
  /// Tandem itself (CLI, migrations, demo loader): may do everything, recorded as "system" in history.
  static Actor system() { return Actor{Kind::system, 0, Role::admin, "system"}; }
  /// A signed-in internal user.
  static Actor user(std::int64_t id, Role role, std::string name) {
    return Actor{Kind::user, id, role, std::move(name)};
  }

  bool is_authenticated() const { return kind != Kind::anonymous; }
  bool is_user() const { return kind == Kind::user; }
  /// A short label for logs and history: "user:42", "system", "anonymous".
  std::string label() const;
};

}  // namespace tandem
