#include "store/hierarchy/project_repository.h"

#include <nlohmann/json.hpp>

namespace tandem::store {

namespace {

// The effective role of user ?1 in the project whose id is `column`: the strongest of its own role and its
// teams' roles, NULL when none. (The strongest is found with max over ranks, which needs no sorter.)
std::string effective_role_of(std::string_view column) {
  const std::string c(column);
  const auto rank = [](std::string_view role) {
    const std::string r(role);
    return "CASE " + r +
           " WHEN 'manager' THEN 4 WHEN 'lead' THEN 3 WHEN 'standard' THEN 2 ELSE 1 END AS rank";
  };
  return "(SELECT CASE max(rank) WHEN 4 THEN 'manager' WHEN 3 THEN 'lead' WHEN 2 THEN 'standard' "
         "WHEN 1 THEN 'restricted' END FROM (SELECT " +
         rank("role") + " FROM project_members WHERE project_id = " + c +
         " AND user_id = ?1 UNION ALL SELECT " + rank("pt.role") +
         " FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id WHERE pt.project_id = " + c +
         " AND tm.user_id = ?1))";
}

// The project columns, then the viewer's effective role (the viewer bound first) and the portfolio ids as a
// JSON array.
const std::string kViewColumns =
    "projects.id, projects.name, projects.description, projects.start_date, projects.archived, "
    "projects.private, projects.position, projects.custom_fields, projects.version, projects.created_at, "
    "projects.updated_at, " +
    effective_role_of("projects.id") +
    ", (SELECT json_group_array(portfolio_id) FROM (SELECT portfolio_id FROM portfolio_projects "
    "WHERE project_id = projects.id ORDER BY portfolio_id))";

ProjectView view_from_row(const Row& row) {
  ProjectView view{{row.int64(0), row.text(1), row.text(2), row.opt_text(3), row.int64(4) != 0,
                    row.int64(5) != 0, row.real(6), row.text(7), row.int64(8), row.int64(9), row.int64(10)},
                   row.opt_text(11).value_or(""),
                   {}};
  const auto ids = nlohmann::json::parse(row.text(12), nullptr, false);
  if (ids.is_array())
    for (const auto& id : ids)
      if (id.is_number_integer()) view.portfolio_ids.push_back(id.get<std::int64_t>());
  return view;
}

Result<std::vector<ProjectView>> query_views(Txn& txn, const SqlFilter& visible, std::int64_t user_id,
                                             std::string_view conditions, std::vector<Value> condition_params,
                                             std::string_view tail) {
  std::vector<Value> params{user_id};
  params.insert(params.end(), visible.params.begin(), visible.params.end());
  params.insert(params.end(), condition_params.begin(), condition_params.end());
  std::vector<ProjectView> views;
  TANDEM_TRY(txn.exec("SELECT " + kViewColumns + " FROM projects WHERE " + visible.sql +
                          std::string(conditions) + std::string(tail),
                      params, [&](const Row& row) { views.push_back(view_from_row(row)); }));
  return views;
}

// The columns a project's insert and update both store, and their values in that order.
constexpr std::string_view kStoredColumns =
    "name, description, start_date, archived, private, position, custom_fields, version";
std::vector<Value> stored_values(const ProjectRow& project) {
  return {project.name,
          project.description,
          value_or_null(project.start_date),
          std::int64_t{project.archived},
          std::int64_t{project.is_private},
          project.position,
          project.custom_fields,
          project.version};
}

}  // namespace

Result<std::int64_t> insert_project(Txn& txn, const ProjectRow& project) {
  auto values = stored_values(project);
  values.insert(values.end(), {project.created_at, project.updated_at});
  return txn.insert("INSERT INTO projects(" + std::string(kStoredColumns) +
                        ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values);
}

Status update_project(Txn& txn, const ProjectRow& project) {
  auto values = stored_values(project);
  values.insert(values.end(), {project.updated_at, project.id});
  return txn.exec("UPDATE projects SET (" + std::string(kStoredColumns) +
                      ", updated_at) = (?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?",
                  values);
}

Result<std::optional<ProjectView>> find_visible_project(Txn& txn, const SqlFilter& visible,
                                                        std::int64_t user_id, std::int64_t id) {
  TANDEM_ASSIGN(auto views, query_views(txn, visible, user_id, " AND projects.id = ?", {id}, ""));
  if (views.empty()) return std::optional<ProjectView>{};
  return std::optional<ProjectView>(std::move(views.front()));
}

Result<std::vector<ProjectView>> list_visible_projects(Txn& txn, const SqlFilter& visible,
                                                       std::int64_t user_id, std::optional<bool> archived,
                                                       const std::optional<PositionCursor>& after,
                                                       int limit) {
  std::vector<Value> params;
  std::string conditions;
  if (archived) {
    conditions = " AND projects.archived = ?";
    params.emplace_back(std::int64_t{*archived});
  }
  conditions += after_position("projects", after, params);
  params.emplace_back(std::int64_t{limit});
  return query_views(txn, visible, user_id, conditions, std::move(params),
                     " ORDER BY projects.position, projects.id LIMIT ?");
}

Result<double> next_project_position(Txn& txn) {
  return next_position(txn, "projects", "1", {});
}

Result<std::string> effective_project_role(Txn& txn, std::int64_t project_id, std::int64_t user_id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT " + effective_role_of("?2"), {user_id, project_id}));
  return row ? row->opt_text(0).value_or("") : std::string();
}

Result<std::string> project_member_role(Txn& txn, std::int64_t project_id, std::int64_t user_id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT role FROM project_members WHERE project_id = ? AND user_id = ?",
                                  {project_id, user_id}));
  return row ? row->text(0) : std::string();
}

Result<std::vector<ProjectMemberRow>> list_project_members(Txn& txn, std::int64_t project_id) {
  std::vector<ProjectMemberRow> members;
  TANDEM_TRY(
      txn.exec("SELECT u.id, u.name, pm.role FROM project_members pm JOIN users u ON u.id = pm.user_id "
               "WHERE pm.project_id = ? ORDER BY u.name, u.id",
               {project_id}, [&](const Row& row) {
                 members.push_back({row.int64(0), row.text(1), row.text(2)});
               }));
  return members;
}

Status put_project_member(Txn& txn, std::int64_t project_id, std::int64_t user_id, std::string_view role) {
  return txn.exec(
      "INSERT INTO project_members(project_id, user_id, role) VALUES (?, ?, ?) "
      "ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role",
      {project_id, user_id, std::string(role)});
}

Result<bool> delete_project_member(Txn& txn, std::int64_t project_id, std::int64_t user_id) {
  TANDEM_TRY(
      txn.exec("DELETE FROM project_members WHERE project_id = ? AND user_id = ?", {project_id, user_id}));
  return txn.changes() > 0;
}

Result<std::vector<ProjectTeamRow>> list_project_teams(Txn& txn, std::int64_t project_id) {
  std::vector<ProjectTeamRow> teams;
  TANDEM_TRY(
      txn.exec("SELECT t.id, t.name, pt.role FROM project_teams pt JOIN teams t ON t.id = pt.team_id "
               "WHERE pt.project_id = ? ORDER BY t.name, t.id",
               {project_id}, [&](const Row& row) {
                 teams.push_back({row.int64(0), row.text(1), row.text(2)});
               }));
  return teams;
}

Result<std::string> project_team_role(Txn& txn, std::int64_t project_id, std::int64_t team_id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT role FROM project_teams WHERE project_id = ? AND team_id = ?",
                                  {project_id, team_id}));
  return row ? row->text(0) : std::string();
}

Status put_project_team(Txn& txn, std::int64_t project_id, std::int64_t team_id, std::string_view role) {
  return txn.exec(
      "INSERT INTO project_teams(project_id, team_id, role) VALUES (?, ?, ?) "
      "ON CONFLICT (project_id, team_id) DO UPDATE SET role = excluded.role",
      {project_id, team_id, std::string(role)});
}

Result<bool> delete_project_team(Txn& txn, std::int64_t project_id, std::int64_t team_id) {
  TANDEM_TRY(
      txn.exec("DELETE FROM project_teams WHERE project_id = ? AND team_id = ?", {project_id, team_id}));
  return txn.changes() > 0;
}

namespace {

constexpr std::string_view kJoinRequestSelect =
    "SELECT project_join_requests.id, project_join_requests.project_id, p.name, "
    "project_join_requests.user_id, "
    "u.name, project_join_requests.message, project_join_requests.state, project_join_requests.decided_by, "
    "project_join_requests.decided_at, project_join_requests.reason, project_join_requests.created_at "
    "FROM project_join_requests JOIN projects p ON p.id = project_join_requests.project_id "
    "JOIN users u ON u.id = project_join_requests.user_id WHERE ";

JoinRequestRow join_request_from_row(const Row& row) {
  return {row.int64(0), row.int64(1),     row.text(2),      row.int64(3), row.text(4),  row.text(5),
          row.text(6),  row.opt_int64(7), row.opt_int64(8), row.text(9),  row.int64(10)};
}

}  // namespace

Result<std::int64_t> insert_join_request(Txn& txn, std::int64_t project_id, std::int64_t user_id,
                                         std::string_view message, TimestampMs now) {
  return txn.insert(
      "INSERT INTO project_join_requests(project_id, user_id, message, created_at) "
      "VALUES (?, ?, ?, ?)",
      {project_id, user_id, std::string(message), now});
}

Result<std::vector<JoinRequestRow>> list_join_requests(Txn& txn, const SqlFilter& visible,
                                                       std::optional<std::int64_t> project_id,
                                                       std::optional<std::int64_t> user_id) {
  std::vector<Value> params(visible.params.begin(), visible.params.end());
  std::string sql = std::string(kJoinRequestSelect) + visible.sql;
  if (project_id) {
    sql += " AND project_join_requests.project_id = ?";
    params.emplace_back(*project_id);
  }
  if (user_id) {
    sql += " AND project_join_requests.user_id = ?";
    params.emplace_back(*user_id);
  }
  std::vector<JoinRequestRow> requests;
  TANDEM_TRY(txn.exec(sql + " ORDER BY project_join_requests.id DESC LIMIT 500", params,
                      [&](const Row& row) { requests.push_back(join_request_from_row(row)); }));
  return requests;
}

Result<std::optional<JoinRequestRow>> find_join_request(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto row, txn.one(std::string(kJoinRequestSelect) + "project_join_requests.id = ?", {id}));
  if (!row) return std::optional<JoinRequestRow>{};
  return std::optional<JoinRequestRow>(join_request_from_row(*row));
}

Result<bool> join_request_pending(Txn& txn, std::int64_t project_id, std::int64_t user_id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT 1 FROM project_join_requests WHERE project_id = ? AND user_id = ? "
                                  "AND state = 'pending'",
                                  {project_id, user_id}));
  return row.has_value();
}

Status decide_join_request(Txn& txn, std::int64_t id, std::string_view state, std::int64_t decided_by,
                           std::string_view reason, TimestampMs now) {
  return txn.exec(
      "UPDATE project_join_requests SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
      {std::string(state), decided_by, now, std::string(reason), id});
}

Result<std::vector<ProjectFollowerRow>> list_project_followers(Txn& txn, std::int64_t project_id) {
  std::vector<ProjectFollowerRow> followers;
  TANDEM_TRY(
      txn.exec("SELECT pf.party_kind, pf.party_id, COALESCE(u.name, c.name, o.name, '') AS name "
               "FROM project_followers pf "
               "LEFT JOIN users u ON pf.party_kind = 'user' AND u.id = pf.party_id "
               "LEFT JOIN customers c ON pf.party_kind = 'customer' AND c.id = pf.party_id "
               "LEFT JOIN organizations o ON pf.party_kind = 'organization' AND o.id = pf.party_id "
               "WHERE pf.project_id = ? ORDER BY pf.party_kind, name, pf.party_id",
               {project_id}, [&](const Row& row) {
                 followers.push_back({row.text(0), row.int64(1), row.text(2)});
               }));
  return followers;
}

Result<bool> insert_project_follower(Txn& txn, std::int64_t project_id, std::string_view party_kind,
                                     std::int64_t party_id) {
  TANDEM_TRY(
      txn.exec("INSERT OR IGNORE INTO project_followers(project_id, party_kind, party_id) VALUES (?, ?, ?)",
               {project_id, std::string(party_kind), party_id}));
  return txn.changes() > 0;
}

Result<bool> delete_project_follower(Txn& txn, std::int64_t project_id, std::string_view party_kind,
                                     std::int64_t party_id) {
  TANDEM_TRY(
      txn.exec("DELETE FROM project_followers WHERE project_id = ? AND party_kind = ? AND party_id = ?",
               {project_id, std::string(party_kind), party_id}));
  return txn.changes() > 0;
}

}  // namespace tandem::store
