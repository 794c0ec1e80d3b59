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
  double position = 0;
  std::string custom_fields = "{}";  // JSON object text
  std::int64_t version = 1;          // bumped by every change; the ETag
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

/// A project as one user sees it: with that user's project role and the portfolios the project sits in.
struct ProjectView {
  ProjectRow project;
  std::string my_role;  // "" when the user is not a member
  std::vector<std::int64_t> portfolio_ids;
};

struct ProjectMemberRow {
  std::int64_t user_id = 0;
  std::string name;
  std::string role;  // manager, lead, standard, restricted
};

struct ProjectFollowerRow {
  std::string party_kind;  // user (customer, organization later)
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

/// The user's role in the project, or "" when not a member.
Result<std::string> project_member_role(Txn& txn, std::int64_t project_id, std::int64_t user_id);
/// The members of the project by name, then user id.
Result<std::vector<ProjectMemberRow>> list_project_members(Txn& txn, std::int64_t project_id);
/// Makes the user a member with `role`, or changes its role.
Status put_project_member(Txn& txn, std::int64_t project_id, std::int64_t user_id, std::string_view role);
/// Removes the member; false when the user was not one.
Result<bool> delete_project_member(Txn& txn, std::int64_t project_id, std::int64_t user_id);

/// The followers of the project by kind, name, id.
Result<std::vector<ProjectFollowerRow>> list_project_followers(Txn& txn, std::int64_t project_id);
/// Adds a follower; false when it already followed the project.
Result<bool> insert_project_follower(Txn& txn, std::int64_t project_id, std::string_view party_kind,
                                     std::int64_t party_id);
/// Removes a follower; false when it did not follow the project.
Result<bool> delete_project_follower(Txn& txn, std::int64_t project_id, std::string_view party_kind,
                                     std::int64_t party_id);

}  // namespace tandem::store
