// Rows of teams: named groups of internal users that can be assigned work together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct TeamMemberRow {
  std::int64_t user_id = 0;
  std::string name;
};

struct TeamRow {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  std::vector<TeamMemberRow> members;  // by user name, then id
};

/// Inserts a team (without members) and returns its id. Errors: conflict when the name is taken.
Result<std::int64_t> insert_team(Txn& txn, const TeamRow& team);
/// Writes a team's name, description and updated_at. Errors: conflict when the name is taken.
Status update_team(Txn& txn, const TeamRow& team);
/// The team with this id and its members, or nullopt.
Result<std::optional<TeamRow>> find_team(Txn& txn, std::int64_t id);
/// Teams with id > after_id in id order, at most `limit`, with their members.
Result<std::vector<TeamRow>> list_teams(Txn& txn, std::int64_t after_id, int limit);
/// Makes the user a member; false when it already was one.
Result<bool> add_team_member(Txn& txn, std::int64_t team_id, std::int64_t user_id);
/// Removes the user from the team; false when it was not a member.
Result<bool> remove_team_member(Txn& txn, std::int64_t team_id, std::int64_t user_id);

}  // namespace tandem::store
