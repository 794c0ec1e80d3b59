#include "store/hierarchy/team_repository.h"

#include <algorithm>

namespace tandem::store {

namespace {

Error named_conflict(Error error) {
  if (error.code == ErrorCode::conflict) error.message = "a team with this name already exists";
  return error;
}

// Fills in the members of `teams`, whose ids lie between the first's and the last's.
Status load_members(Txn& txn, std::vector<TeamRow>& teams) {
  if (teams.empty()) return {};
  return txn.exec(
      "SELECT tm.team_id, u.id, u.name FROM team_members tm JOIN users u ON u.id = tm.user_id "
      "WHERE tm.team_id BETWEEN ? AND ? ORDER BY u.name, u.id",
      {teams.front().id, teams.back().id}, [&](const Row& row) {
        const auto team =
            std::find_if(teams.begin(), teams.end(), [&](const TeamRow& t) { return t.id == row.int64(0); });
        if (team != teams.end()) team->members.push_back({row.int64(1), row.text(2)});
      });
}

Result<std::vector<TeamRow>> query_teams(Txn& txn, std::string_view where, const std::vector<Value>& params) {
  std::vector<TeamRow> teams;
  TANDEM_TRY(
      txn.exec("SELECT id, name, description, created_at, updated_at FROM teams " + std::string(where),
               params, [&](const Row& row) {
                 teams.push_back({row.int64(0), row.text(1), row.text(2), row.int64(3), row.int64(4), {}});
               }));
  TANDEM_TRY(load_members(txn, teams));
  return teams;
}

}  // namespace

Result<std::int64_t> insert_team(Txn& txn, const TeamRow& team) {
  auto id = txn.insert("INSERT INTO teams(name, description, created_at, updated_at) VALUES (?, ?, ?, ?)",
                       {team.name, team.description, team.created_at, team.updated_at});
  if (!id.ok()) return named_conflict(std::move(id).error());
  return id;
}

Status update_team(Txn& txn, const TeamRow& team) {
  Status status = txn.exec("UPDATE teams SET name = ?, description = ?, updated_at = ? WHERE id = ?",
                           {team.name, team.description, team.updated_at, team.id});
  if (!status.ok()) return named_conflict(std::move(status).error());
  return {};
}

Result<std::optional<TeamRow>> find_team(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto teams, query_teams(txn, "WHERE id = ?", {id}));
  if (teams.empty()) return std::optional<TeamRow>{};
  return std::optional<TeamRow>(std::move(teams.front()));
}

Result<std::vector<TeamRow>> list_teams(Txn& txn, std::int64_t after_id, int limit) {
  return query_teams(txn, "WHERE id > ? ORDER BY id LIMIT ?", {after_id, std::int64_t{limit}});
}

Result<bool> add_team_member(Txn& txn, std::int64_t team_id, std::int64_t user_id) {
  TANDEM_TRY(
      txn.exec("INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?, ?)", {team_id, user_id}));
  return txn.changes() > 0;
}

Result<bool> remove_team_member(Txn& txn, std::int64_t team_id, std::int64_t user_id) {
  TANDEM_TRY(txn.exec("DELETE FROM team_members WHERE team_id = ? AND user_id = ?", {team_id, user_id}));
  return txn.changes() > 0;
}

}  // namespace tandem::store
