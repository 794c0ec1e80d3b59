// Rows of projects, their members (internal users with a project role) and their followers (parties kept
// informed: internal users today; customers and organizations later).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/policy.h"
#include "store/database.h"
#include "store/hierarchy/ordering.h"

namespace tandem::store {

struct ProjectRow {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  std::optional<std::string> start_date;  // YYYY-MM-DD
  bool archived = false;
  bool is_private = false;  // visible only to its members (and admins)
  double position = 0;
  std::string custom_fields = "{}";  // JSON object text
  std::int64_t version = 1;          // bumped by every change; the ETag
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

/// A project as one user sees it: with that user's project role and the portfolios the project sits in.
struct ProjectView {
  ProjectRow project;
  std::string my_role;  // the user's effective role (own or through a team); "" when not a member
  std::vector<std::int64_t> portfolio_ids;
};

struct ProjectMemberRow {
  std::int64_t user_id = 0;
  std::string name;
  std::string role;  // manager, lead, standard, restricted
};

struct ProjectTeamRow {
  std::int64_t team_id = 0;
  std::string name;
  std::string role;  // manager, lead, standard, restricted: every member of the team has it
};

struct JoinRequestRow {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string project_name;
  std::int64_t user_id = 0;
  std::string user_name;
  std::string message;
  std::string state;  // pending, approved, denied
  std::optional<std::int64_t> decided_by;
  std::optional<TimestampMs> decided_at;
  std::string reason;
  TimestampMs created_at = 0;
};

struct ProjectFollowerRow {
  std::string party_kind;  // user, customer or organization
  std::int64_t party_id = 0;
  std::string name;
};

/// Inserts a project and returns its id.
Result<std::int64_t> insert_project(Txn& txn, const ProjectRow& project);
/// Writes every column of the project but id and created_at (version as given).
Status update_project(Txn& txn, const ProjectRow& project);
/// The project `id` when it passes `visible` (a filter on `projects`), seen by user `user_id`.
Result<std::optional<ProjectView>> find_visible_project(Txn& txn, const SqlFilter& visible,
                                                        std::int64_t user_id, std::int64_t id);
/// Projects passing `visible` in (position, id) order after `after`, at most `limit` (all when negative),
/// seen by user `user_id`; only archived or only active ones when `archived` is given.
Result<std::vector<ProjectView>> list_visible_projects(Txn& txn, const SqlFilter& visible,
                                                       std::int64_t user_id, std::optional<bool> archived,
                                                       const std::optional<PositionCursor>& after, int limit);
/// One past the largest project position.
Result<double> next_project_position(Txn& txn);

/// The user's effective role in the project: the strongest of its own role and its teams' roles, or ""
/// when it is none of these.
Result<std::string> effective_project_role(Txn& txn, std::int64_t project_id, std::int64_t user_id);
/// The user's own role in the project (not through teams), or "" when not a member.
Result<std::string> project_member_role(Txn& txn, std::int64_t project_id, std::int64_t user_id);
/// The members of the project by name, then user id.
Result<std::vector<ProjectMemberRow>> list_project_members(Txn& txn, std::int64_t project_id);
/// Makes the user a member with `role`, or changes its role.
Status put_project_member(Txn& txn, std::int64_t project_id, std::int64_t user_id, std::string_view role);
/// Removes the member; false when the user was not one.
Result<bool> delete_project_member(Txn& txn, std::int64_t project_id, std::int64_t user_id);

/// The teams working in the project, by name.
Result<std::vector<ProjectTeamRow>> list_project_teams(Txn& txn, std::int64_t project_id);
/// The team's role in the project, or "" when the team does not work in it.
Result<std::string> project_team_role(Txn& txn, std::int64_t project_id, std::int64_t team_id);
/// Gives the team `role` in the project, or changes it.
Status put_project_team(Txn& txn, std::int64_t project_id, std::int64_t team_id, std::string_view role);
/// Removes the team from the project; false when it was not in it.
Result<bool> delete_project_team(Txn& txn, std::int64_t project_id, std::int64_t team_id);

/// Inserts a pending join request and returns its id.
Result<std::int64_t> insert_join_request(Txn& txn, std::int64_t project_id, std::int64_t user_id,
                                         std::string_view message, TimestampMs now);
/// Join requests passing `visible` (a Policy::visible_join_requests filter), newest first, restricted to
/// the project when `project_id` is given and to the user when `user_id` is given.
Result<std::vector<JoinRequestRow>> list_join_requests(Txn& txn, const SqlFilter& visible,
                                                       std::optional<std::int64_t> project_id,
                                                       std::optional<std::int64_t> user_id);
/// One join request, or nullopt.
Result<std::optional<JoinRequestRow>> find_join_request(Txn& txn, std::int64_t id);
/// True when the user has a pending request to join the project.
Result<bool> join_request_pending(Txn& txn, std::int64_t project_id, std::int64_t user_id);
/// Records the decision on a pending request.
Status decide_join_request(Txn& txn, std::int64_t id, std::string_view state, std::int64_t decided_by,
                           std::string_view reason, TimestampMs now);

/// The followers of the project by kind, name, id.
Result<std::vector<ProjectFollowerRow>> list_project_followers(Txn& txn, std::int64_t project_id);
/// Adds a follower; false when it already followed the project.
Result<bool> insert_project_follower(Txn& txn, std::int64_t project_id, std::string_view party_kind,
                                     std::int64_t party_id);
/// Removes a follower; false when it did not follow the project.
Result<bool> delete_project_follower(Txn& txn, std::int64_t project_id, std::string_view party_kind,
                                     std::int64_t party_id);

}  // namespace tandem::store
