#include "store/hierarchy/folder_repository.h"

namespace tandem::store {

namespace {

constexpr std::string_view kColumns =
    "f.id, f.project_id, f.parent_id, f.name, f.position, f.created_at, f.updated_at";

FolderRow folder_from_row(const Row& row) {
  return {row.int64(0), row.int64(1), row.opt_int64(2), row.text(3), row.real(4), row.int64(5), row.int64(6)};
}

Result<std::vector<FolderRow>> query_folders(Txn& txn, std::string_view from_where,
                                             const std::vector<Value>& params) {
  std::vector<FolderRow> folders;
  TANDEM_TRY(txn.exec("SELECT " + std::string(kColumns) + " " + std::string(from_where), params,
                      [&](const Row& row) { folders.push_back(folder_from_row(row)); }));
  return folders;
}

}  // namespace

Result<std::int64_t> insert_folder(Txn& txn, const FolderRow& folder) {
  return txn.insert(
      "INSERT INTO folders(project_id, parent_id, name, position, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      {folder.project_id, value_or_null(folder.parent_id), folder.name, folder.position, folder.created_at,
       folder.updated_at});
}

Status update_folder(Txn& txn, const FolderRow& folder) {
  return txn.exec(
      "UPDATE folders SET parent_id = ?, name = ?, position = ?, updated_at = ? WHERE id = ?",
      {value_or_null(folder.parent_id), folder.name, folder.position, folder.updated_at, folder.id});
}

Status delete_folder(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM folders WHERE id = ?", {id});
}

Result<std::optional<FolderRow>> find_folder(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto folders, query_folders(txn, "FROM folders f WHERE f.id = ?", {id}));
  if (folders.empty()) return std::optional<FolderRow>{};
  return std::optional<FolderRow>(std::move(folders.front()));
}

Result<std::vector<FolderRow>> list_folders(Txn& txn, std::int64_t project_id,
                                            const std::optional<PositionCursor>& after, int limit) {
  std::vector<Value> params{project_id};
  const std::string where = after_position("f", after, params);
  params.emplace_back(std::int64_t{limit});
  return query_folders(
      txn, "FROM folders f WHERE f.project_id = ?" + where + " ORDER BY f.position, f.id LIMIT ?", params);
}

Result<std::vector<FolderRow>> list_folders_of_visible_projects(Txn& txn, const SqlFilter& visible_projects) {
  return query_folders(txn,
                       "FROM folders f JOIN projects ON projects.id = f.project_id WHERE " +
                           visible_projects.sql + " ORDER BY f.position, f.id",
                       filter_params(visible_projects));
}

Result<double> next_folder_position(Txn& txn, std::int64_t project_id,
                                    std::optional<std::int64_t> parent_id) {
  return next_position(txn, "folders", "project_id = ? AND parent_id IS ?",
                       {project_id, value_or_null(parent_id)});
}

Result<std::int64_t> count_items_in_folder_tree(Txn& txn, std::int64_t folder_id) {
  TANDEM_ASSIGN(auto row, txn.one(subtree_cte(NestedTable::folders) +
                                      "SELECT count(*) FROM items WHERE folder_id IN (SELECT id FROM down)",
                                  {folder_id}));
  return row ? row->int64(0) : 0;
}

Result<std::vector<ItemPlaceCount>> count_visible_items_by_place(Txn& txn, const SqlFilter& visible_items) {
  std::vector<ItemPlaceCount> counts;
  TANDEM_TRY(txn.exec(
      "SELECT project_id, folder_id, count(*) FROM items WHERE " + visible_items.sql + " GROUP BY 1, 2",
      filter_params(visible_items), [&](const Row& row) {
        counts.push_back({row.opt_int64(0), row.opt_int64(1), row.int64(2)});
      }));
  return counts;
}

}  // namespace tandem::store
