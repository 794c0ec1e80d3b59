// Projects with their members and followers. An actor sees the projects Policy::visible_projects lets
// through (anything else does not exist for it); admins, managers and the project's own managers change
// them. Every update bumps the project's version, which clients send back as If-Match.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/hierarchy/project_repository.h"

namespace tandem::service {

struct NewProject {
  std::string name{};
  std::string description{};
  std::optional<std::string> start_date{};  // YYYY-MM-DD
  bool archived = false;
  bool is_private = false;           // visible only to its members (and admins)
  std::optional<double> position{};  // default: after the last project
  nlohmann::json custom_fields = nlohmann::json::object();
  std::vector<std::int64_t> member_ids{};  // added as standard members
};

struct ProjectChanges {
  std::optional<std::string> name{};
  std::optional<std::string> description{};
  std::optional<std::optional<std::string>> start_date{};  // set to nullopt to clear it
  std::optional<bool> archived{};
  std::optional<bool> is_private{};
  std::optional<double> position{};
  std::optional<nlohmann::json> custom_fields{};  // merged key by key; null clears a key
};

class ProjectService {
 public:
  ProjectService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// The projects the actor may see, archived or active ones, in (position, id) order after `after`, at
  /// most `limit` (1..200). Errors: forbidden.
  Result<std::vector<store::ProjectView>> list_projects(const Actor& actor, bool archived,
                                                        const std::optional<store::PositionCursor>& after,
                                                        int limit);
  /// One project. Errors: not_found (absent or not visible).
  Result<store::ProjectView> get_project(const Actor& actor, std::int64_t id);
  /// Creates a project, makes the creator its manager and `member_ids` standard members, and records
  /// `project.created`. Errors: forbidden (Action::create_projects), validation_failed (name, description,
  /// start_date, position, custom_fields.<key>, member_ids).
  Result<store::ProjectView> create_project(const Actor& actor, const NewProject& input);
  /// Applies `changes`, bumps the version and records `project.updated` with the changes (nothing happens
  /// when no value changes). When `expected_versions` is given, the current version must be one of them.
  /// Archiving needs Policy::can_archive_project. Errors: not_found, forbidden, precondition_failed (stale
  /// version), validation_failed.
  Result<store::ProjectView> update_project(
      const Actor& actor, std::int64_t id, const ProjectChanges& changes,
      const std::optional<std::vector<std::int64_t>>& expected_versions);

  /// The project's members. Errors: not_found.
  Result<std::vector<store::ProjectMemberRow>> list_members(const Actor& actor, std::int64_t project_id);
  /// Makes the user a member with `role` (manager, lead, standard, restricted) or changes its role, and
  /// records `project.member_added` or `project.member_changed` (Policy::can_manage_project_people).
  /// Errors: not_found (project or user), forbidden, validation_failed (role).
  Result<store::ProjectMemberRow> put_member(const Actor& actor, std::int64_t project_id,
                                             std::int64_t user_id, const std::string& role);
  /// Removes a member and records `project.member_removed`. Errors: not_found (project, or not a member),
  /// forbidden.
  Status remove_member(const Actor& actor, std::int64_t project_id, std::int64_t user_id);

  /// The teams working in the project with their roles. Errors: not_found.
  Result<std::vector<store::ProjectTeamRow>> list_teams(const Actor& actor, std::int64_t project_id);
  /// The team's role in the project. Errors: not_found (project, or the team does not work in it).
  Result<store::ProjectTeamRow> get_team(const Actor& actor, std::int64_t project_id, std::int64_t team_id);
  /// Gives the team `role` in the project (each of its members has it) or changes it, and records
  /// `project.team_added` or `project.team_changed`. Errors: not_found (project or team), forbidden,
  /// validation_failed (role).
  Result<store::ProjectTeamRow> put_team(const Actor& actor, std::int64_t project_id, std::int64_t team_id,
                                         const std::string& role);
  /// Removes the team from the project and records `project.team_removed`. Errors: not_found, forbidden.
  Status remove_team(const Actor& actor, std::int64_t project_id, std::int64_t team_id);

  /// The project's followers. Errors: not_found.
  Result<std::vector<store::ProjectFollowerRow>> list_followers(const Actor& actor, std::int64_t project_id);
  /// Makes the internal user a follower (project managers for anyone; everyone who sees the project for
  /// itself) and records `project.follower_added`. Errors: not_found (project or user), forbidden.
  Result<store::ProjectFollowerRow> add_follower(const Actor& actor, std::int64_t project_id,
                                                 std::int64_t user_id);
  /// Stops the internal user following the project (same rule as adding) and records
  /// `project.follower_removed`. Errors: not_found (project, or not a follower), forbidden.
  Status remove_follower(const Actor& actor, std::int64_t project_id, std::int64_t user_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
