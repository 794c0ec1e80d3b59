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
  std::optional<double> position{};  // default: after the last project
  nlohmann::json custom_fields = nlohmann::json::object();
  std::vector<std::int64_t> member_ids{};  // added as standard members
};

struct ProjectChanges {
  std::optional<std::string> name{};
  std::optional<std::string> description{};
  std::optional<std::optional<std::string>> start_date{};  // set to nullopt to clear it
  std::optional<bool> archived{};
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
  /// Errors: not_found, forbidden, precondition_failed (stale version), validation_failed.
  Result<store::ProjectView> update_project(
      const Actor& actor, std::int64_t id, const ProjectChanges& changes,
      const std::optional<std::vector<std::int64_t>>& expected_versions);

  /// The project's members. Errors: not_found.
  Result<std::vector<store::ProjectMemberRow>> list_members(const Actor& actor, std::int64_t project_id);
  /// Makes the user a member with `role` (manager, lead, standard, restricted) or changes its role, and
  /// records `project.member_added` or `project.member_changed`. Errors: not_found (project or user),
  /// forbidden, validation_failed (role).
  Result<store::ProjectMemberRow> put_member(const Actor& actor, std::int64_t project_id,
                                             std::int64_t user_id, const std::string& role);
  /// Removes a member and records `project.member_removed`. Errors: not_found (project, or not a member),
  /// forbidden.
  Status remove_member(const Actor& actor, std::int64_t project_id, std::int64_t user_id);

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
