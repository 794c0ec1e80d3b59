// The one Policy: every service asks it whether an actor may do something or see something.
// Later capabilities add actions and a SQL visibility predicate here, never in handlers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"

namespace tandem {

enum class Action {
  view_users,           // list and read internal users
  manage_users,         // create, change, deactivate internal users
  manage_own_tokens,    // create, list and revoke one's own API tokens
  view_own_profile,     // read /me
  subscribe_live,       // open the live event channel
  view_work,            // read the shared vocabulary: teams, item types, statuses, custom field definitions
  manage_catalog,       // add and change item types, statuses and custom field definitions
  manage_teams,         // add teams and change their members
  manage_portfolios,    // add, change and order portfolios
  create_projects,      // add projects
  manage_all_projects,  // change any project, its members and followers
  create_items,         // add items (in projects the actor may work in, or outside any project)
  read_event_feed,      // page through the global changes feed (filtered per event)
  upload_files,         // upload files (read them back while unattached; attach them to visible items)
  view_customers,       // list and read customers and organizations (customers app not limited)
  manage_customers,     // add and change customers and organizations, invite and share (not limited)
  delete_customers,     // delete customers and organizations (customers app at full level)
  manage_portal_settings,  // change the portal settings (admins)
  write_internal_notes,    // write internal notes on items (internal users, never customers)
};

/// A SQL condition and the values for its `?` placeholders, in order. "1" lets everything through.
struct SqlFilter {
  std::string sql;
  std::vector<std::int64_t> params;
};

class Policy {
 public:
  /// True when `actor` may perform `action`. Pure and thread-safe.
  static bool can(const Actor& actor, Action action);
  /// True when `actor` may see an event about (entity_type, entity_id) caused by `author_user_id`.
  static bool can_see_event(const Actor& actor, std::string_view entity_type, std::int64_t entity_id,
                            std::int64_t author_user_id);
  /// The condition on a row of `items` (referred to as `items`) true for the items `actor` may see and
  /// work on: all for admins and managers; for agents, items outside any project, items of projects they
  /// are a (not restricted) member of, and items where they or one of their teams is a party; for customers,
  /// what their PortalScope lets through (core/customer_policy.h).
  static SqlFilter visible_items(const Actor& actor);
  /// The condition on a row of `messages` (referred to as `m`) true for the messages `actor` may read on
  /// an item it sees: all for internal users; only public replies for customers.
  static SqlFilter visible_messages(const Actor& actor);
  /// The condition on a row of `projects` (referred to as `projects`) true for the projects `actor` may
  /// see: all for admins and managers; for agents, those they are a member or a follower of; for customers,
  /// those they or their organization follow.
  static SqlFilter visible_projects(const Actor& actor);
  /// True when `actor` may change a project in which it has `member_role` ("" when not a member).
  static bool can_manage_project(const Actor& actor, std::string_view member_role);
  /// True when `actor` may edit a message on an item it can see, written by user `author_user_id` (nullopt
  /// when not written by a user): its author and admins may.
  static bool can_edit_message(const Actor& actor, std::optional<std::int64_t> author_user_id);
  /// True when `actor` may add items to a project in which it has `member_role` ("" when not a member).
  /// Customers add items only through the portal, which picks the project for them.
  static bool can_add_items_to_project(const Actor& actor, std::string_view member_role);
};

}  // namespace tandem
