#include "core/policy.h"

#include "core/customer_policy.h"

namespace tandem {

bool Policy::can(const Actor& actor, Action action) {
  if (actor.is_customer()) return customer_policy::can(actor, action);
  if (actor.kind == Actor::Kind::system) return true;
  if (!actor.is_user()) return false;
  switch (action) {
    case Action::view_users:
    case Action::manage_own_tokens:
    case Action::view_own_profile:
    case Action::subscribe_live:
    case Action::view_work:
    case Action::create_items:
    case Action::read_event_feed:
    case Action::upload_files:
    case Action::write_internal_notes:
      return true;
    case Action::view_customers:
    case Action::manage_customers:
      return actor.level(App::customers) != AppLevel::limited;
    case Action::delete_customers:
      return actor.level(App::customers) == AppLevel::full;
    case Action::manage_users:
    case Action::manage_catalog:
    case Action::manage_teams:
    case Action::manage_portal_settings:
      return actor.role == Role::admin;
    case Action::manage_portfolios:
    case Action::create_projects:
    case Action::manage_all_projects:
      return actor.role == Role::admin || actor.role == Role::manager;
  }
  return false;
}

namespace {

bool sees_everything(const Actor& actor) {
  return actor.kind == Actor::Kind::system ||
         (actor.is_user() && (actor.role == Role::admin || actor.role == Role::manager));
}

}  // namespace

SqlFilter Policy::visible_items(const Actor& actor) {
  if (actor.is_customer()) return customer_policy::visible_items(actor);
  if (sees_everything(actor)) return {"1", {}};
  if (!actor.is_user()) return {"0", {}};
  const std::int64_t me = actor.user_id;
  return {
      "(items.project_id IS NULL"
      " OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = items.project_id"
      " AND pm.user_id = ? AND pm.role <> 'restricted')"
      " OR EXISTS (SELECT 1 FROM item_parties ip WHERE ip.item_id = items.id"
      " AND ((ip.party_kind = 'user' AND ip.party_id = ?)"
      " OR (ip.party_kind = 'team' AND ip.party_id IN (SELECT team_id FROM team_members WHERE user_id = "
      "?)))))",
      {me, me, me}};
}

SqlFilter Policy::visible_messages(const Actor& actor) {
  if (actor.is_customer()) return customer_policy::visible_messages(actor);
  return {"1", {}};
}

SqlFilter Policy::visible_projects(const Actor& actor) {
  if (actor.is_customer()) return customer_policy::visible_projects(actor);
  if (sees_everything(actor)) return {"1", {}};
  if (!actor.is_user()) return {"0", {}};
  const std::int64_t me = actor.user_id;
  return {
      "(EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = projects.id AND pm.user_id = ?)"
      " OR EXISTS (SELECT 1 FROM project_followers pf WHERE pf.project_id = projects.id"
      " AND pf.party_kind = 'user' AND pf.party_id = ?))",
      {me, me}};
}

bool Policy::can_manage_project(const Actor& actor, std::string_view member_role) {
  return can(actor, Action::manage_all_projects) || (actor.is_user() && member_role == "manager");
}

bool Policy::can_add_items_to_project(const Actor& actor, std::string_view member_role) {
  if (actor.is_customer()) return true;
  return can(actor, Action::manage_all_projects) ||
         (actor.is_user() && !member_role.empty() && member_role != "restricted");
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
  // Deliberately coarse: this pure check cannot look up project membership, so events about projects and
  // their folders (whose names would reveal the project) reach only those who see every project; agents get
  // none, even about projects they are members of.
  if (entity_type == "project" || entity_type == "folder") return sees_everything(actor);
  return actor.role == Role::admin;
}

}  // namespace tandem
