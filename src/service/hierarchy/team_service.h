// Teams: named groups of internal users. Everyone signed in reads them; admins create and change them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/hierarchy/team_repository.h"

namespace tandem::service {

struct NewTeam {
  std::string name{};
  std::string description{};
  std::vector<std::int64_t> member_ids{};
};

struct TeamChanges {
  std::optional<std::string> name{};
  std::optional<std::string> description{};
};

class TeamService {
 public:
  TeamService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Teams with id > after_id in id order, at most `limit` (1..200). Errors: forbidden.
  Result<std::vector<store::TeamRow>> list_teams(const Actor& actor, std::int64_t after_id, int limit);
  /// One team with its members. Errors: forbidden, not_found.
  Result<store::TeamRow> get_team(const Actor& actor, std::int64_t id);
  /// Creates a team with its first members and records `team.created`. Errors: forbidden (not an admin),
  /// validation_failed (name, description, member_ids), conflict (name taken).
  Result<store::TeamRow> create_team(const Actor& actor, const NewTeam& input);
  /// Renames or redescribes a team and records `team.updated` with the changes. Errors: forbidden,
  /// not_found, validation_failed, conflict (name taken).
  Result<store::TeamRow> update_team(const Actor& actor, std::int64_t id, const TeamChanges& changes);
  /// Adds a member (nothing happens when it already is one) and records `team.member_added`.
  /// Errors: forbidden, not_found (team or user).
  Result<store::TeamRow> add_member(const Actor& actor, std::int64_t team_id, std::int64_t user_id);
  /// Removes a member and records `team.member_removed`. Errors: forbidden, not_found (team, or the user is
  /// not a member).
  Status remove_member(const Actor& actor, std::int64_t team_id, std::int64_t user_id);

 private:
  // Runs `change` on the team in a write transaction after the admin check, and returns the team after it.
  Result<store::TeamRow> change_team(const Actor& actor, std::int64_t id,
                                     const std::function<Status(store::Txn&, store::TeamRow&)>& change);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
