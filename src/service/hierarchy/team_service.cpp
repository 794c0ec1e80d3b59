#include "service/hierarchy/team_service.h"

#include <algorithm>

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"

namespace tandem::service {

namespace {

Status check_may_manage(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_teams))
    return Error::make(ErrorCode::forbidden, "only admins change teams");
  return {};
}

Result<store::TeamRow> existing_team(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto team, store::find_team(txn, id));
  if (!team) return Error::make(ErrorCode::not_found, "no such team");
  return std::move(*team);
}

}  // namespace

Result<std::vector<store::TeamRow>> TeamService::list_teams(const Actor& actor, std::int64_t after_id,
                                                            int limit) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see teams");
  std::vector<store::TeamRow> teams;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(teams, store::list_teams(txn, after_id, std::clamp(limit, 1, 200)));
    return {};
  }));
  return teams;
}

Result<store::TeamRow> TeamService::get_team(const Actor& actor, std::int64_t id) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see teams");
  store::TeamRow team;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(team, existing_team(txn, id));
    return {};
  }));
  return team;
}

Result<store::TeamRow> TeamService::create_team(const Actor& actor, const NewTeam& input) {
  TANDEM_TRY(check_may_manage(actor));
  store::TeamRow team;
  TANDEM_ASSIGN(team.name, checked_name("name", input.name));
  TANDEM_ASSIGN(team.description, checked_description(input.description));
  team.created_at = team.updated_at = clock_.now_ms();
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(team.id, store::insert_team(txn, team));
    for (std::int64_t user_id : input.member_ids) {
      TANDEM_TRY(check_user_exists(txn, user_id, "member_ids"));
      TANDEM_TRY(status_of(store::add_team_member(txn, team.id, user_id)));
    }
    TANDEM_ASSIGN(team, existing_team(txn, team.id));
    nlohmann::json member_ids = nlohmann::json::array();
    for (const auto& member : team.members) member_ids.push_back(member.user_id);
    return record_event(txn, actor, team.created_at, "team", team.id, "team.created",
                        {{"name", team.name}, {"description", team.description}, {"member_ids", member_ids}});
  }));
  return team;
}

Result<store::TeamRow> TeamService::update_team(const Actor& actor, std::int64_t id,
                                                const TeamChanges& changes) {
  return change_team(actor, id, [&](store::Txn& txn, store::TeamRow& team) -> Status {
    ChangeSet diff;
    if (changes.name) {
      TANDEM_ASSIGN(auto name, checked_name("name", *changes.name));
      diff.set("name", team.name, std::move(name));
    }
    if (changes.description) {
      TANDEM_ASSIGN(auto description, checked_description(*changes.description));
      diff.set("description", team.description, std::move(description));
    }
    if (diff.empty()) return {};
    team.updated_at = clock_.now_ms();
    TANDEM_TRY(store::update_team(txn, team));
    return record_event(txn, actor, team.updated_at, "team", team.id, "team.updated", diff.payload());
  });
}

Result<store::TeamRow> TeamService::add_member(const Actor& actor, std::int64_t team_id,
                                               std::int64_t user_id) {
  return change_team(actor, team_id, [&](store::Txn& txn, store::TeamRow&) -> Status {
    TANDEM_TRY(status_of(user_name(txn, user_id)));
    TANDEM_ASSIGN(const bool added, store::add_team_member(txn, team_id, user_id));
    if (!added) return {};
    return record_event(txn, actor, clock_.now_ms(), "team", team_id, "team.member_added",
                        {{"user_id", user_id}});
  });
}

Status TeamService::remove_member(const Actor& actor, std::int64_t team_id, std::int64_t user_id) {
  return status_of(change_team(actor, team_id, [&](store::Txn& txn, store::TeamRow&) -> Status {
    TANDEM_ASSIGN(const bool removed, store::remove_team_member(txn, team_id, user_id));
    if (!removed) return Error::make(ErrorCode::not_found, "the user is not a member of this team");
    return record_event(txn, actor, clock_.now_ms(), "team", team_id, "team.member_removed",
                        {{"user_id", user_id}});
  }));
}

Result<store::TeamRow> TeamService::change_team(
    const Actor& actor, std::int64_t id, const std::function<Status(store::Txn&, store::TeamRow&)>& change) {
  TANDEM_TRY(check_may_manage(actor));
  store::TeamRow team;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(team, existing_team(txn, id));
    TANDEM_TRY(change(txn, team));
    TANDEM_ASSIGN(team, existing_team(txn, id));
    return {};
  }));
  return team;
}

}  // namespace tandem::service
