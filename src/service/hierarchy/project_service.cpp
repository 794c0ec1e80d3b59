#include "service/hierarchy/project_service.h"

#include <algorithm>
#include <array>

#include "core/calendar_date.h"
#include "core/policy.h"
#include "service/catalog/custom_field_values.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/hierarchy/project_access.h"
#include "store/hierarchy/team_repository.h"

namespace tandem::service {

namespace {

Result<std::optional<std::string>> checked_start_date(const std::optional<std::string>& date) {
  if (date && !is_calendar_date(*date))
    return invalid("start_date", "start_date must be a date like 2026-01-31");
  return date;
}

// Records in `diff` every custom field whose value differs between `before` and `after`.
void note_custom_fields(ChangeSet& diff, const nlohmann::json& before, const nlohmann::json& after) {
  for (const auto& [key, value] : before.items())
    diff.note("custom_fields." + key, value, after.value(key, nlohmann::json()));
  for (const auto& [key, value] : after.items())
    if (!before.contains(key)) diff.note("custom_fields." + key, nullptr, value);
}

// The project, when the actor may change who follows it: its managers for anyone, others for themselves.
Result<store::ProjectView> follower_project(store::Txn& txn, const Actor& actor, std::int64_t project_id,
                                            std::int64_t user_id) {
  TANDEM_ASSIGN(auto view, visible_project(txn, actor, project_id));
  const bool self = actor.is_user() && actor.user_id == user_id;
  if (!self && !Policy::can_manage_project_people(actor, view.my_role))
    return Error::make(ErrorCode::forbidden, "only the project's managers may change who else follows it");
  return view;
}

// Who got a project role: a member (user) or a team.
struct RoleHolder {
  std::string_view kind;  // "member" or "team", as in the event kinds
  std::string_view key;   // "user_id" or "team_id"
  std::int64_t id;
};

// Records `project.<kind>_added` when the holder had no role (`previous` empty), else
// `project.<kind>_changed` with the role's old and new value.
Status record_role_change(store::Txn& txn, const Actor& actor, TimestampMs at, std::int64_t project_id,
                          const RoleHolder& holder, const std::string& previous, const std::string& role) {
  const std::string kind = "project." + std::string(holder.kind);
  if (previous.empty())
    return record_event(txn, actor, at, "project", project_id, kind + "_added",
                        {{std::string(holder.key), holder.id}, {"role", role}});
  ChangeSet diff;
  diff.note("role", previous, role);
  nlohmann::json payload = diff.payload();
  payload[std::string(holder.key)] = holder.id;
  return record_event(txn, actor, at, "project", project_id, kind + "_changed", payload);
}

}  // namespace

Result<std::vector<store::ProjectView>> ProjectService::list_projects(
    const Actor& actor, bool archived, const std::optional<store::PositionCursor>& after, int limit) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see projects");
  std::vector<store::ProjectView> views;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(views, store::list_visible_projects(txn, Policy::visible_projects(actor), actor.user_id,
                                                      archived, after, std::clamp(limit, 1, 200)));
    return {};
  }));
  return views;
}

Result<store::ProjectView> ProjectService::get_project(const Actor& actor, std::int64_t id) {
  store::ProjectView view;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(view, visible_project(txn, actor, id));
    return {};
  }));
  return view;
}

Result<store::ProjectView> ProjectService::create_project(const Actor& actor, const NewProject& input) {
  if (!Policy::can(actor, Action::create_projects))
    return Error::make(ErrorCode::forbidden, "only admins and managers add projects");
  store::ProjectRow project;
  TANDEM_ASSIGN(project.name, checked_name("name", input.name));
  TANDEM_ASSIGN(project.description, checked_description(input.description));
  TANDEM_ASSIGN(project.start_date, checked_start_date(input.start_date));
  project.archived = input.archived;
  project.is_private = input.is_private;
  project.created_at = project.updated_at = clock_.now_ms();
  store::ProjectView view;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    if (input.position) {
      TANDEM_ASSIGN(project.position, checked_position(*input.position));
    } else {
      TANDEM_ASSIGN(project.position, store::next_project_position(txn));
    }
    TANDEM_ASSIGN(
        const auto custom_fields,
        merge_custom_field_values(txn, "project", nlohmann::json::object(), input.custom_fields, true));
    project.custom_fields = custom_fields.dump();
    TANDEM_ASSIGN(project.id, store::insert_project(txn, project));
    if (actor.is_user()) TANDEM_TRY(store::put_project_member(txn, project.id, actor.user_id, "manager"));
    for (std::int64_t user_id : input.member_ids) {
      TANDEM_TRY(check_user_exists(txn, user_id, "member_ids"));
      if (actor.is_user() && user_id == actor.user_id) continue;
      TANDEM_TRY(store::put_project_member(txn, project.id, user_id, "standard"));
    }
    TANDEM_TRY(record_event(txn, actor, project.created_at, "project", project.id, "project.created",
                            {{"name", project.name},
                             {"description", project.description},
                             {"start_date", nullable(project.start_date)},
                             {"archived", project.archived},
                             {"private", project.is_private},
                             {"position", project.position},
                             {"custom_fields", custom_fields},
                             {"member_ids", input.member_ids}}));
    TANDEM_ASSIGN(view, visible_project(txn, actor, project.id));
    return {};
  }));
  return view;
}

Result<store::ProjectView> ProjectService::update_project(
    const Actor& actor, std::int64_t id, const ProjectChanges& changes,
    const std::optional<std::vector<std::int64_t>>& expected_versions) {
  store::ProjectView view;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(view, manageable_project(txn, actor, id));
    store::ProjectRow& project = view.project;
    if (expected_versions && std::find(expected_versions->begin(), expected_versions->end(),
                                       project.version) == expected_versions->end())
      return Error::make(ErrorCode::precondition_failed,
                         "the project has changed since you read it; reload it and apply your change again");
    ChangeSet diff;
    if (changes.name) {
      TANDEM_ASSIGN(auto name, checked_name("name", *changes.name));
      diff.set("name", project.name, std::move(name));
    }
    if (changes.description) {
      TANDEM_ASSIGN(auto description, checked_description(*changes.description));
      diff.set("description", project.description, std::move(description));
    }
    if (changes.start_date) {
      TANDEM_ASSIGN(auto start_date, checked_start_date(*changes.start_date));
      diff.set("start_date", project.start_date, std::move(start_date));
    }
    if (changes.archived && *changes.archived != project.archived) {
      if (!Policy::can_archive_project(actor, view.my_role))
        return Error::make(ErrorCode::forbidden, "archiving a project needs the full level in projects");
      diff.set("archived", project.archived, *changes.archived);
    }
    if (changes.is_private) diff.set("private", project.is_private, *changes.is_private);
    if (changes.position) {
      TANDEM_ASSIGN(const double position, checked_position(*changes.position));
      diff.set("position", project.position, position);
    }
    if (changes.custom_fields) {
      const auto before = nlohmann::json::parse(project.custom_fields, nullptr, false);
      TANDEM_ASSIGN(const auto after,
                    merge_custom_field_values(txn, "project", before, *changes.custom_fields, false));
      note_custom_fields(diff, before.is_object() ? before : nlohmann::json::object(), after);
      project.custom_fields = after.dump();
    }
    if (diff.empty()) return {};
    ++project.version;
    project.updated_at = clock_.now_ms();
    TANDEM_TRY(store::update_project(txn, project));
    return record_event(txn, actor, project.updated_at, "project", id, "project.updated", diff.payload());
  }));
  return view;
}

Result<std::vector<store::ProjectMemberRow>> ProjectService::list_members(const Actor& actor,
                                                                          std::int64_t project_id) {
  std::vector<store::ProjectMemberRow> members;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(visible_project(txn, actor, project_id)));
    TANDEM_ASSIGN(members, store::list_project_members(txn, project_id));
    return {};
  }));
  return members;
}

Result<store::ProjectMemberRow> ProjectService::put_member(const Actor& actor, std::int64_t project_id,
                                                           std::int64_t user_id, const std::string& role) {
  store::ProjectMemberRow member{user_id, "", role};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(member.name, user_name(txn, user_id));
    TANDEM_TRY(check_project_role(role));
    TANDEM_ASSIGN(const auto previous, store::project_member_role(txn, project_id, user_id));
    if (previous == role) return {};
    TANDEM_TRY(store::put_project_member(txn, project_id, user_id, role));
    return record_role_change(txn, actor, clock_.now_ms(), project_id, {"member", "user_id", user_id},
                              previous, role);
  }));
  return member;
}

Status ProjectService::remove_member(const Actor& actor, std::int64_t project_id, std::int64_t user_id) {
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(const auto previous, store::project_member_role(txn, project_id, user_id));
    if (previous.empty())
      return Error::make(ErrorCode::not_found, "the user is not a member of this project");
    TANDEM_TRY(status_of(store::delete_project_member(txn, project_id, user_id)));
    return record_event(txn, actor, clock_.now_ms(), "project", project_id, "project.member_removed",
                        {{"user_id", user_id}, {"role", previous}});
  });
}

Result<std::vector<store::ProjectTeamRow>> ProjectService::list_teams(const Actor& actor,
                                                                      std::int64_t project_id) {
  std::vector<store::ProjectTeamRow> teams;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(visible_project(txn, actor, project_id)));
    TANDEM_ASSIGN(teams, store::list_project_teams(txn, project_id));
    return {};
  }));
  return teams;
}

Result<store::ProjectTeamRow> ProjectService::get_team(const Actor& actor, std::int64_t project_id,
                                                       std::int64_t team_id) {
  TANDEM_ASSIGN(auto teams, list_teams(actor, project_id));
  for (auto& team : teams)
    if (team.team_id == team_id) return std::move(team);
  return Error::make(ErrorCode::not_found, "the team does not work in this project");
}

Result<store::ProjectTeamRow> ProjectService::put_team(const Actor& actor, std::int64_t project_id,
                                                       std::int64_t team_id, const std::string& role) {
  store::ProjectTeamRow team{team_id, "", role};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(auto found, store::find_team(txn, team_id));
    if (!found) return Error::make(ErrorCode::not_found, "no such team");
    team.name = found->name;
    TANDEM_TRY(check_project_role(role));
    TANDEM_ASSIGN(const auto previous, store::project_team_role(txn, project_id, team_id));
    if (previous == role) return {};
    TANDEM_TRY(store::put_project_team(txn, project_id, team_id, role));
    return record_role_change(txn, actor, clock_.now_ms(), project_id, {"team", "team_id", team_id}, previous,
                              role);
  }));
  return team;
}

Status ProjectService::remove_team(const Actor& actor, std::int64_t project_id, std::int64_t team_id) {
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(const auto previous, store::project_team_role(txn, project_id, team_id));
    if (previous.empty()) return Error::make(ErrorCode::not_found, "the team does not work in this project");
    TANDEM_TRY(status_of(store::delete_project_team(txn, project_id, team_id)));
    return record_event(txn, actor, clock_.now_ms(), "project", project_id, "project.team_removed",
                        {{"team_id", team_id}, {"role", previous}});
  });
}

Result<std::vector<store::ProjectFollowerRow>> ProjectService::list_followers(const Actor& actor,
                                                                              std::int64_t project_id) {
  std::vector<store::ProjectFollowerRow> followers;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(visible_project(txn, actor, project_id)));
    TANDEM_ASSIGN(followers, store::list_project_followers(txn, project_id));
    return {};
  }));
  return followers;
}

Result<store::ProjectFollowerRow> ProjectService::add_follower(const Actor& actor, std::int64_t project_id,
                                                               std::int64_t user_id) {
  store::ProjectFollowerRow follower{"user", user_id, ""};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(follower_project(txn, actor, project_id, user_id)));
    TANDEM_ASSIGN(follower.name, user_name(txn, user_id));
    TANDEM_ASSIGN(const bool added, store::insert_project_follower(txn, project_id, "user", user_id));
    if (!added) return {};
    return record_event(txn, actor, clock_.now_ms(), "project", project_id, "project.follower_added",
                        {{"party_kind", "user"}, {"party_id", user_id}});
  }));
  return follower;
}

Status ProjectService::remove_follower(const Actor& actor, std::int64_t project_id, std::int64_t user_id) {
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(follower_project(txn, actor, project_id, user_id)));
    TANDEM_ASSIGN(const bool removed, store::delete_project_follower(txn, project_id, "user", user_id));
    if (!removed) return Error::make(ErrorCode::not_found, "the user does not follow this project");
    return record_event(txn, actor, clock_.now_ms(), "project", project_id, "project.follower_removed",
                        {{"party_kind", "user"}, {"party_id", user_id}});
  });
}

}  // namespace tandem::service
