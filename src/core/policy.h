// The one Policy: every service asks it whether an actor may do something or see something.
// Later capabilities add actions and a SQL visibility predicate here, never in handlers.
#pragma once

#include <array>
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
  edit_own_profile,     // change one's own name and language (internal users)
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
  // Internal permissions: company settings and project membership.
  manage_settings,  // change company-wide settings (module switches)
  request_to_join,  // ask to join a project one is not a member of
  // Customers and the portal.
  view_customers,          // list and read customers and organizations (customers app not limited)
  manage_customers,        // add and change customers and organizations, invite and share (not limited)
  delete_customers,        // delete customers and organizations (customers app at full level)
  manage_portal_settings,  // change the portal settings (admins)
  write_internal_notes,    // write internal notes on items (internal users, never customers)
  // Time tracking.
  track_time,            // run timers, record and read one's own timesheets, read time reports and the
                         // time settings (internal users with the timesheets app not limited)
  manage_time_settings,  // change the time settings (admins)
  manage_rates,          // read and change hourly rates (admins)
  invoice_time,          // mark approved timesheets as invoiced (admins)
};

/// A SQL condition and the values for its `?` placeholders, in order. "1" lets everything through.
struct SqlFilter {
  std::string sql;
  std::vector<std::int64_t> params;
};

/// The conditions (each starting with " AND ") on a row of `items` that keep only the items of the apps
/// shown: ticket-type items belong to tickets, every other type to tasks. "" when both are shown.
std::string item_apps_condition(bool tickets_shown, bool tasks_shown);

/// The app an item type belongs to: tickets for "ticket", tasks for every other type.
App app_of_item_type(std::string_view type_key);

/// What the Policy needs to know about one item and the actor to decide on changing or deleting it.
struct ItemFacts {
  App app = App::tickets;    // tickets for ticket-type items, tasks for every other type
  bool in_project = false;   // the item belongs to a project
  std::string project_role;  // the actor's effective role in that project ("" when not a member)
  bool own = false;          // the actor created the item or is assigned to it (directly or through a team)
};

/// A project's role names, weakest first; the effective role of a user is the strongest of its own and
/// its teams' roles.
inline constexpr std::array<std::string_view, 4> kProjectRoles = {"restricted", "standard", "lead",
                                                                  "manager"};

class Policy {
 public:
  /// True when `actor` may perform `action`. Pure and thread-safe.
  static bool can(const Actor& actor, Action action);
  /// True when `actor` may see an event about (entity_type, entity_id) caused by `author_user_id`.
  static bool can_see_event(const Actor& actor, std::string_view entity_type, std::int64_t entity_id,
                            std::int64_t author_user_id);
  /// The condition on a row of `items` (referred to as `items`) true for the items `actor` may see and
  /// work on: all for admins; for other users, items outside any project, items of projects they are a
  /// member of (directly or through a team, any role), and items of non-private projects where they or
  /// one of their teams is a party; never items of an app at the limited level (tickets: ticket-type
  /// items; tasks: every other type); for customers, what their PortalScope lets through
  /// (core/customer_policy.h).
  static SqlFilter visible_items(const Actor& actor);
  /// The condition on a row of `messages` (referred to as `m`) true for the messages `actor` may read on
  /// an item it sees: all for internal users; only public replies for customers.
  static SqlFilter visible_messages(const Actor& actor);
  /// The condition on a row of `projects` (referred to as `projects`) true for the projects `actor` may
  /// see: all for admins; for other users, every project that is not private, and the private ones they
  /// are a member of (directly or through a team); for
  /// customers, those they or their organization follow.
  static SqlFilter visible_projects(const Actor& actor);
  /// The condition on a row of `project_join_requests` (referred to as `project_join_requests`) true for
  /// the requests `actor` may see: its own, and for admins and a project's managers, the project's.
  static SqlFilter visible_join_requests(const Actor& actor);
  /// The condition on a row of `timesheets` (referred to as `timesheets`) true for the timesheets `actor`
  /// may see: all for admins; for other users with the timesheets app not limited, their own and those of
  /// the projects where their effective role is manager or lead; nothing for customers (the portal shows
  /// time only as totals, see can_see_item_time).
  static SqlFilter visible_timesheets(const Actor& actor);
  /// True when `actor` may approve or reject timesheets of a project in which its effective role is
  /// `member_role` ("" when not a member, or outside any project): admins, the project's managers and
  /// leads; never at the limited level of the timesheets app.
  static bool can_approve_timesheets(const Actor& actor, std::string_view member_role);
  /// True when `actor` may change or delete a timesheet (not yet approved) it sees: its author, whoever may
  /// approve it.
  static bool can_change_timesheet(const Actor& actor, bool own, std::string_view member_role);
  /// True when `actor` may see the time logged on an item it sees: internal users with the timesheets app
  /// not limited; customers only when the time settings show time to customers (`shown_to_customers`).
  static bool can_see_item_time(const Actor& actor, bool shown_to_customers);
  /// True when `actor` may change the project (its fields, folders) in which its effective role is
  /// `member_role` ("" when not a member): admins, its managers and leads; never at the limited level of
  /// the projects app.
  static bool can_manage_project(const Actor& actor, std::string_view member_role);
  /// True when `actor` may archive or unarchive that project: as can_manage_project, at the full level.
  static bool can_archive_project(const Actor& actor, std::string_view member_role);
  /// True when `actor` may change who works in that project (members, teams, others' following, join
  /// requests): admins and its managers.
  static bool can_manage_project_people(const Actor& actor, std::string_view member_role);
  /// True when `actor` may edit a message on an item it can see, written by user `author_user_id` (nullopt
  /// when not written by a user): its author and admins may.
  static bool can_edit_message(const Actor& actor, std::optional<std::int64_t> author_user_id);
  /// True when `actor` may add items to a project in which it has `member_role` ("" when not a member):
  /// admins and members other than restricted ones. Customers add items only through the
  /// portal, which picks the project for them.
  static bool can_add_items_to_project(const Actor& actor, std::string_view member_role);
  /// True when `actor` may add an item of `app` (tickets or tasks): not at the limited level; customers add
  /// tickets only.
  static bool can_create_item_in(const Actor& actor, App app);
  /// True when `actor` may change an item it can see: admins; outside projects, everyone; in a project,
  /// managers and leads, standard members the items they own; restricted members never.
  static bool can_change_item(const Actor& actor, const ItemFacts& item);
  /// True when `actor` may delete an item it can see: admins, and the project's managers and leads with
  /// the full level in the item's app.
  static bool can_delete_item(const Actor& actor, const ItemFacts& item);
};

}  // namespace tandem
