// Who is acting. An Actor reaches every service call; the Policy decides what it may do and see.
#pragma once

#include <array>
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

/// The apps an internal user is given a level in.
enum class App { tickets, tasks, timesheets, customers, projects };
inline constexpr std::array kAllApps{App::tickets, App::tasks, App::timesheets, App::customers,
                                     App::projects};
/// full: everything; standard: everything but deleting and archiving; limited: the app is hidden.
enum class AppLevel { full, standard, limited };

/// The stable name of an app ("tickets", …) and of a level ("full", …).
std::string_view to_string(App app);
std::string_view to_string(AppLevel level);
/// Parses an app or level name; nullopt when it is not one.
std::optional<App> parse_app(std::string_view name);
std::optional<AppLevel> parse_app_level(std::string_view name);

/// What the portal settings let a customer see; filled in when the customer is authenticated.
struct PortalScope {
  bool requested = true;          // items the customer requested
  bool followed = true;           // items the customer follows
  bool organization = true;       // items requested by anyone in the customer's organization
  bool followed_projects = true;  // items in projects the customer or its organization follows
  bool unpublished = false;       // also items not published to the portal
  std::int64_t only_item_id = 0;  // a visitor holding an item's secret link: that item and nothing else
};

struct Actor {
  enum class Kind { anonymous, user, customer, system };

  Kind kind = Kind::anonymous;
  std::int64_t user_id = 0;  // set when kind == user
  Role role = Role::agent;   // meaningful when kind == user
  std::string name;
  std::array<AppLevel, kAllApps.size()> app_levels{};  // users: indexed by App; all full by default
  std::int64_t customer_id = 0;                        // set when kind == customer
  std::int64_t organization_id = 0;                    // customers: their organization, 0 when none
  PortalScope portal;                                  // customers: what they may see

  /// Nobody signed in.
  static Actor anonymous() { return Actor{}; }
  /// Tandem itself (CLI, migrations, demo loader): may do everything, recorded as "system" in history.
  static Actor system() {
    Actor actor;
    actor.kind = Kind::system;
    actor.role = Role::admin;
    actor.name = "system";
    return actor;
  }
  /// A signed-in internal user.
  static Actor user(std::int64_t id, Role role, std::string name) {
    Actor actor;
    actor.kind = Kind::user;
    actor.user_id = id;
    actor.role = role;
    actor.name = std::move(name);
    return actor;
  }
  /// A signed-in customer (or a visitor holding a secret link, with portal.only_item_id set).
  static Actor customer(std::int64_t id, std::int64_t organization_id, std::string name, PortalScope portal) {
    Actor actor;
    actor.kind = Kind::customer;
    actor.name = std::move(name);
    actor.customer_id = id;
    actor.organization_id = organization_id;
    actor.portal = portal;
    return actor;
  }

  bool is_authenticated() const { return kind != Kind::anonymous; }
  bool is_user() const { return kind == Kind::user; }
  bool is_customer() const { return kind == Kind::customer; }
  /// The user's level in `app` (full for system; limited for customers and anonymous).
  AppLevel level(App app) const;
  /// A short label for logs and history: "user:42", "customer:7", "system", "anonymous".
  std::string label() const;
};

}  // namespace tandem
