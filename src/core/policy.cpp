#include "core/policy.h"

#include <algorithm>

#include "core/customer_policy.h"

namespace tandem {

namespace {

bool is_admin(const Actor& actor) {
  return actor.kind == Actor::Kind::system || (actor.is_user() && actor.role == Role::admin);
}

// The actor's level in `app`: admins (and the system) have the full level everywhere.
AppLevel level_in(const Actor& actor, App app) {
  return is_admin(actor) ? AppLevel::full : actor.level(app);
}

// The strength of a project role: 0 for none, then restricted < standard < lead < manager.
std::size_t strength(std::string_view role) {
  const auto it = std::find(kProjectRoles.begin(), kProjectRoles.end(), role);
  return it == kProjectRoles.end() ? 0 : static_cast<std::size_t>(it - kProjectRoles.begin()) + 1;
}

bool at_least(std::string_view role, std::string_view weakest) {
  return strength(role) >= strength(weakest);
}

// The condition "user ? is a member of the project whose id is `project_column`, directly or through a
// team" (one `?`, bound to the user twice over: see member_params).
std::string member_of(std::string_view project_column) {
  const std::string column(project_column);
  return "(EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = " + column +
         " AND pm.user_id = ?) OR EXISTS (SELECT 1 FROM project_teams pt JOIN team_members tm"
         " ON tm.team_id = pt.team_id WHERE pt.project_id = " +
         column + " AND tm.user_id = ?))";
}

// The condition on `items` that hides the item types of the apps the user has at the limited level.
std::string hidden_apps_condition(const Actor& actor) {
  return item_apps_condition(level_in(actor, App::tickets) != AppLevel::limited,
                             level_in(actor, App::tasks) != AppLevel::limited);
}

bool company_wide(const Actor& actor, Action action) {
  switch (action) {
    case Action::view_users:
    case Action::manage_own_tokens:
    case Action::view_own_profile:
    case Action::edit_own_profile:
    case Action::subscribe_live:
    case Action::view_work:
    case Action::create_items:
    case Action::read_event_feed:
    case Action::upload_files:
    case Action::request_to_join:
    case Action::write_internal_notes:
      return true;
    case Action::view_customers:
    case Action::manage_customers:
      return actor.level(App::customers) != AppLevel::limited;
    case Action::delete_customers:
      return actor.level(App::customers) == AppLevel::full;
    case Action::track_time:
      return actor.level(App::timesheets) != AppLevel::limited;
    case Action::manage_users:
    case Action::manage_catalog:
    case Action::manage_teams:
    case Action::manage_all_projects:
    case Action::manage_settings:
    case Action::manage_portal_settings:
    case Action::manage_time_settings:
    case Action::manage_rates:
    case Action::invoice_time:
      return actor.role == Role::admin;
    case Action::manage_portfolios:
      return actor.role == Role::admin || actor.role == Role::manager;
    case Action::create_projects:
      return actor.role == Role::admin ||
             (actor.role == Role::manager && actor.level(App::projects) != AppLevel::limited);
  }
  return false;
}

}  // namespace

std::string item_apps_condition(bool tickets_shown, bool tasks_shown) {
  constexpr std::string_view kTicketType = "(SELECT id FROM item_types WHERE key = 'ticket')";
  std::string sql;
  if (!tickets_shown) sql += " AND items.type_id <> " + std::string(kTicketType);
  if (!tasks_shown) sql += " AND items.type_id = " + std::string(kTicketType);
  return sql;
}

App app_of_item_type(std::string_view type_key) {
  return type_key == "ticket" ? App::tickets : App::tasks;
}

bool Policy::can(const Actor& actor, Action action) {
  if (actor.is_customer()) return customer_policy::can(actor, action);
  if (actor.kind == Actor::Kind::system) return true;
  if (!actor.is_user()) return false;
  return company_wide(actor, action);
}

SqlFilter Policy::visible_items(const Actor& actor) {
  if (actor.is_customer()) return customer_policy::visible_items(actor);
  if (is_admin(actor)) return {"1", {}};
  if (!actor.is_user()) return {"0", {}};
  const std::int64_t me = actor.user_id;
  return {"(items.project_id IS NULL OR " + member_of("items.project_id") +
              " OR (NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = items.project_id AND p.private <> 0)"
              " AND EXISTS (SELECT 1 FROM item_parties ip WHERE ip.item_id = items.id"
              " AND ((ip.party_kind = 'user' AND ip.party_id = ?)"
              " OR (ip.party_kind = 'team' AND ip.party_id IN (SELECT team_id FROM team_members"
              " WHERE user_id = ?))))))" +
              hidden_apps_condition(actor),
          {me, me, me, me}};
}

SqlFilter Policy::visible_messages(const Actor& actor) {
  if (actor.is_customer()) return customer_policy::visible_messages(actor);
  return {"1", {}};
}

SqlFilter Policy::visible_projects(const Actor& actor) {
  if (actor.is_customer()) return customer_policy::visible_projects(actor);
  if (is_admin(actor)) return {"1", {}};
  if (!actor.is_user()) return {"0", {}};
  return {"(projects.private = 0 OR " + member_of("projects.id") + ")", {actor.user_id, actor.user_id}};
}

SqlFilter Policy::visible_join_requests(const Actor& actor) {
  if (is_admin(actor)) return {"1", {}};
  if (!actor.is_user()) return {"0", {}};
  const std::int64_t me = actor.user_id;
  return {
      "(project_join_requests.user_id = ?"
      " OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = project_join_requests.project_id"
      " AND pm.user_id = ? AND pm.role = 'manager')"
      " OR EXISTS (SELECT 1 FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id"
      " WHERE pt.project_id = project_join_requests.project_id AND tm.user_id = ? AND pt.role = 'manager'))",
      {me, me, me}};
}

SqlFilter Policy::visible_timesheets(const Actor& actor) {
  if (is_admin(actor)) return {"1", {}};
  if (!actor.is_user() || !can(actor, Action::track_time)) return {"0", {}};
  const std::int64_t me = actor.user_id;
  return {
      "(timesheets.user_id = ?"
      " OR timesheets.project_id IN (SELECT pm.project_id FROM project_members pm WHERE pm.user_id = ?"
      " AND pm.role IN ('manager', 'lead'))"
      " OR timesheets.project_id IN (SELECT pt.project_id FROM project_teams pt JOIN team_members tm"
      " ON tm.team_id = pt.team_id WHERE tm.user_id = ? AND pt.role IN ('manager', 'lead')))",
      {me, me, me}};
}

bool Policy::can_approve_timesheets(const Actor& actor, std::string_view member_role) {
  if (is_admin(actor)) return true;
  return actor.is_user() && can(actor, Action::track_time) && at_least(member_role, "lead");
}

bool Policy::can_change_timesheet(const Actor& actor, bool own, std::string_view member_role) {
  if (is_admin(actor)) return true;
  return actor.is_user() && can(actor, Action::track_time) && (own || at_least(member_role, "lead"));
}

bool Policy::can_see_item_time(const Actor& actor, bool shown_to_customers) {
  if (actor.is_customer()) return shown_to_customers;
  return is_admin(actor) || (actor.is_user() && can(actor, Action::track_time));
}

bool Policy::can_manage_project(const Actor& actor, std::string_view member_role) {
  if (can(actor, Action::manage_all_projects)) return true;
  return actor.is_user() && actor.level(App::projects) != AppLevel::limited && at_least(member_role, "lead");
}

bool Policy::can_archive_project(const Actor& actor, std::string_view member_role) {
  return can_manage_project(actor, member_role) && level_in(actor, App::projects) == AppLevel::full;
}

bool Policy::can_manage_project_people(const Actor& actor, std::string_view member_role) {
  return can(actor, Action::manage_all_projects) || (actor.is_user() && member_role == "manager");
}

bool Policy::can_add_items_to_project(const Actor& actor, std::string_view member_role) {
  if (actor.is_customer()) return true;
  return can(actor, Action::manage_all_projects) || (actor.is_user() && at_least(member_role, "standard"));
}

bool Policy::can_create_item_in(const Actor& actor, App app) {
  if (actor.is_customer()) return app == App::tickets;
  return (is_admin(actor) || actor.is_user()) && level_in(actor, app) != AppLevel::limited;
}

bool Policy::can_change_item(const Actor& actor, const ItemFacts& item) {
  if (is_admin(actor)) return true;
  if (!actor.is_user() || actor.level(item.app) == AppLevel::limited) return false;
  if (!item.in_project) return true;
  return at_least(item.project_role, "lead") || (item.project_role == "standard" && item.own);
}

bool Policy::can_delete_item(const Actor& actor, const ItemFacts& item) {
  if (is_admin(actor)) return true;
  return actor.is_user() && actor.level(item.app) == AppLevel::full && item.in_project &&
         at_least(item.project_role, "lead");
}

bool Policy::can_edit_message(const Actor& actor, std::optional<std::int64_t> author_user_id) {
  if (actor.kind == Actor::Kind::system) return true;
  if (!actor.is_user()) return false;
  return actor.role == Role::admin || author_user_id == actor.user_id;
}

bool Policy::can_see_event(const Actor& actor, std::string_view entity_type, std::int64_t entity_id,
                           std::int64_t author_user_id) {
  if (actor.kind == Actor::Kind::system) return true;
  if (!actor.is_user()) return false;
  if (entity_type == "user") return can(actor, Action::view_users) || entity_id == actor.user_id;
  if (entity_type == "api_token") return author_user_id == actor.user_id;
  if (entity_type == "portfolio" || entity_type == "team") return true;  // every internal user sees them
  // Events about items, projects, folders and join requests are decided by the SQL filters above (the
  // events feed looks the entity up); this pure check alone lets only admins see them, nor settings.
  return actor.role == Role::admin;
}

}  // namespace tandem
