#include "store/hierarchy/project_repository.h"

#include <nlohmann/json.hpp>

namespace tandem::store {

namespace {

// The project columns, then the viewer's role (bound first) and the portfolio ids as a JSON array.
constexpr std::string_view kViewColumns =
    "projects.id, projects.name, projects.description, projects.start_date, projects.archived, "
    "projects.position, projects.custom_fields, projects.version, projects.created_at, projects.updated_at, "
    "(SELECT role FROM project_members WHERE project_id = projects.id AND user_id = ?), "
    "(SELECT json_group_array(portfolio_id) FROM (SELECT portfolio_id FROM portfolio_projects "
    "WHERE project_id = projects.id ORDER BY portfolio_id))";

ProjectView view_from_row(const Row& row) {
  ProjectView view{{row.int64(0), row.text(1), row.text(2), row.opt_text(3), row.int64(4) != 0, row.real(5),
                    row.text(6), row.int64(7), row.int64(8), row.int64(9)},
                   row.text(10),
                   {}};
  const auto ids = nlohmann::json::parse(row.text(11), nullptr, false);
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
  TANDEM_TRY(txn.exec("SELECT " + std::string(kViewColumns) + " FROM projects WHERE " + visible.sql +
                          std::string(conditions) + std::string(tail),
                      params, [&](const Row& row) { views.push_back(view_from_row(row)); }));
  return views;
}

}  // namespace

Result<std::int64_t> insert_project(Txn& txn, const ProjectRow& project) {
  TANDEM_ASSIGN(auto row, txn.one("INSERT INTO projects(name, description, start_date, archived, position, "
                                  "custom_fields, version, created_at, updated_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                  {project.name, project.description, value_or_null(project.start_date),
                                   std::int64_t{project.archived}, project.position, project.custom_fields,
                                   project.version, project.created_at, project.updated_at}));
  return row->int64(0);
}

Status update_project(Txn& txn, const ProjectRow& project) {
  return txn.exec(
      "UPDATE projects SET name = ?, description = ?, start_date = ?, archived = ?, position = ?, "
      "custom_fields = ?, version = ?, updated_at = ? WHERE id = ?",
      {project.name, project.description, value_or_null(project.start_date), std::int64_t{project.archived},
       project.position, project.custom_fields, project.version, project.updated_at, project.id});
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

Result<std::vector<ProjectFollowerRow>> list_project_followers(Txn& txn, std::int64_t project_id) {
  std::vector<ProjectFollowerRow> followers;
  TANDEM_TRY(
      txn.exec("SELECT pf.party_kind, pf.party_id, COALESCE(u.name, '') AS name FROM project_followers pf "
               "LEFT JOIN users u ON pf.party_kind = 'user' AND u.id = pf.party_id "
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
