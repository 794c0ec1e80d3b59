#include "service/hierarchy/folder_service.h"

#include <algorithm>

#include "service/hierarchy/hierarchy_rules.h"
#include "service/hierarchy/project_access.h"

namespace tandem::service {

namespace {

// The folder when the actor may see its project. Errors: not_found.
Result<store::FolderRow> visible_folder(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto folder, store::find_folder(txn, id));
  if (!folder) return Error::make(ErrorCode::not_found, "no such folder");
  auto project = visible_project(txn, actor, folder->project_id);
  if (!project.ok()) return Error::make(ErrorCode::not_found, "no such folder");
  return std::move(*folder);
}

// Checks that `parent_id` names a folder of the project that `id` (0 for a new one) may move under.
Status check_parent(store::Txn& txn, std::int64_t project_id, std::int64_t id, std::int64_t parent_id) {
  TANDEM_ASSIGN(auto parent, store::find_folder(txn, parent_id));
  if (!parent || parent->project_id != project_id)
    return invalid("parent_id", "there is no folder " + std::to_string(parent_id) + " in this project");
  if (id == 0) return {};
  TANDEM_ASSIGN(const bool inside, store::is_within(txn, store::NestedTable::folders, parent_id, id));
  if (inside) return invalid("parent_id", "a folder cannot move under itself or one of its subfolders");
  return {};
}

}  // namespace

Result<std::vector<store::FolderRow>> FolderService::list_folders(
    const Actor& actor, std::int64_t project_id, const std::optional<store::PositionCursor>& after,
    int limit) {
  std::vector<store::FolderRow> folders;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(visible_project(txn, actor, project_id)));
    TANDEM_ASSIGN(folders, store::list_folders(txn, project_id, after, std::clamp(limit, 1, 200)));
    return {};
  }));
  return folders;
}

Result<store::FolderRow> FolderService::get_folder(const Actor& actor, std::int64_t id) {
  store::FolderRow folder;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(folder, visible_folder(txn, actor, id));
    return {};
  }));
  return folder;
}

Result<store::FolderRow> FolderService::create_folder(const Actor& actor, std::int64_t project_id,
                                                      const NewFolder& input) {
  store::FolderRow folder;
  folder.project_id = project_id;
  folder.parent_id = input.parent_id;
  folder.created_at = folder.updated_at = clock_.now_ms();
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(manageable_project(txn, actor, project_id)));
    TANDEM_ASSIGN(folder.name, checked_name("name", input.name));
    if (folder.parent_id) TANDEM_TRY(check_parent(txn, project_id, 0, *folder.parent_id));
    if (input.position) {
      TANDEM_ASSIGN(folder.position, checked_position(*input.position));
    } else {
      TANDEM_ASSIGN(folder.position, store::next_folder_position(txn, project_id, folder.parent_id));
    }
    TANDEM_ASSIGN(folder.id, store::insert_folder(txn, folder));
    return record_event(txn, actor, folder.created_at, "folder", folder.id, "folder.created",
                        {{"project_id", project_id},
                         {"name", folder.name},
                         {"parent_id", nullable(folder.parent_id)},
                         {"position", folder.position}});
  }));
  return folder;
}

Result<store::FolderRow> FolderService::update_folder(const Actor& actor, std::int64_t id,
                                                      const FolderChanges& changes) {
  store::FolderRow folder;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(folder, visible_folder(txn, actor, id));
    TANDEM_TRY(status_of(manageable_project(txn, actor, folder.project_id)));
    ChangeSet diff;
    if (changes.name) {
      TANDEM_ASSIGN(auto name, checked_name("name", *changes.name));
      diff.set("name", folder.name, std::move(name));
    }
    if (changes.parent_id) {
      if (*changes.parent_id) TANDEM_TRY(check_parent(txn, folder.project_id, id, **changes.parent_id));
      diff.set("parent_id", folder.parent_id, *changes.parent_id);
    }
    if (changes.position) {
      TANDEM_ASSIGN(const double position, checked_position(*changes.position));
      diff.set("position", folder.position, position);
    }
    if (diff.empty()) return {};
    folder.updated_at = clock_.now_ms();
    TANDEM_TRY(store::update_folder(txn, folder));
    nlohmann::json payload = diff.payload();
    payload["project_id"] = folder.project_id;
    return record_event(txn, actor, folder.updated_at, "folder", id, "folder.updated", payload);
  }));
  return folder;
}

Status FolderService::delete_folder(const Actor& actor, std::int64_t id) {
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto folder, visible_folder(txn, actor, id));
    TANDEM_TRY(status_of(manageable_project(txn, actor, folder.project_id)));
    TANDEM_ASSIGN(const std::int64_t items, store::count_items_in_folder_tree(txn, id));
    if (items > 0)
      return Error::make(ErrorCode::conflict,
                         "the folder still holds " + std::to_string(items) +
                             (items == 1 ? " item" : " items") +
                             " (in it or its subfolders); move or delete them before deleting the folder")
          .with("item_count", std::to_string(items));
    TANDEM_ASSIGN(auto removed, store::subtree_ids(txn, store::NestedTable::folders, id));
    removed.erase(removed.begin());  // the folder itself
    TANDEM_TRY(store::delete_folder(txn, id));
    return record_event(txn, actor, clock_.now_ms(), "folder", id, "folder.deleted",
                        {{"project_id", folder.project_id},
                         {"name", folder.name},
                         {"parent_id", nullable(folder.parent_id)},
                         {"removed_folder_ids", removed}});
  });
}

}  // namespace tandem::service
