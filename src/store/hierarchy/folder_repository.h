// Rows of folders: the nested structure inside a project that items are filed in.
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

struct FolderRow {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::optional<std::int64_t> parent_id;  // a folder of the same project; nullopt at the project's top
  std::string name;
  double position = 0;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

/// How many items lie in one place: a folder of a project, a project outside its folders, or no project.
struct ItemPlaceCount {
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> folder_id;
  std::int64_t count = 0;
};

/// Inserts a folder and returns its id.
Result<std::int64_t> insert_folder(Txn& txn, const FolderRow& folder);
/// Writes the folder's parent, name, position and updated_at.
Status update_folder(Txn& txn, const FolderRow& folder);
/// Deletes the folder and every folder below it. Fails (constraint) while any of them holds items.
Status delete_folder(Txn& txn, std::int64_t id);
/// The folder with this id, or nullopt.
Result<std::optional<FolderRow>> find_folder(Txn& txn, std::int64_t id);
/// The project's folders (at any depth) in (position, id) order after `after`, at most `limit`.
Result<std::vector<FolderRow>> list_folders(Txn& txn, std::int64_t project_id,
                                            const std::optional<PositionCursor>& after, int limit);
/// Every folder of the projects passing `visible_projects` (a filter on `projects`), in (position, id) order.
Result<std::vector<FolderRow>> list_folders_of_visible_projects(Txn& txn, const SqlFilter& visible_projects);
/// One past the largest position among the folders of the project under `parent_id`.
Result<double> next_folder_position(Txn& txn, std::int64_t project_id, std::optional<std::int64_t> parent_id);
/// How many items (visible or not) lie in the folder or any folder below it.
Result<std::int64_t> count_items_in_folder_tree(Txn& txn, std::int64_t folder_id);
/// The items passing `visible_items` (a filter on `items`), counted by project and folder.
Result<std::vector<ItemPlaceCount>> count_visible_items_by_place(Txn& txn, const SqlFilter& visible_items);

}  // namespace tandem::store
