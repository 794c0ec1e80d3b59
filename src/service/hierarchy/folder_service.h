// Folders: the nested structure inside a project. Whoever sees the project sees its folders; whoever may
// change the project (Policy::can_manage_project) may change its folders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/hierarchy/folder_repository.h"

namespace tandem::service {

struct NewFolder {
  std::string name{};
  std::optional<std::int64_t> parent_id{};  // a folder of the same project
  std::optional<double> position{};         // default: after its last sibling
};

struct FolderChanges {
  std::optional<std::string> name{};
  std::optional<std::optional<std::int64_t>> parent_id{};  // set to nullopt to move to the project's top
  std::optional<double> position{};
};

class FolderService {
 public:
  FolderService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// The project's folders (every depth) in (position, id) order after `after`, at most `limit` (1..200).
  /// Errors: not_found (project absent or not visible).
  Result<std::vector<store::FolderRow>> list_folders(const Actor& actor, std::int64_t project_id,
                                                     const std::optional<store::PositionCursor>& after,
                                                     int limit);
  /// One folder. Errors: not_found (absent, or its project is not visible).
  Result<store::FolderRow> get_folder(const Actor& actor, std::int64_t id);
  /// Creates a folder in the project and records `folder.created`. Errors: not_found, forbidden,
  /// validation_failed (name, parent_id, position).
  Result<store::FolderRow> create_folder(const Actor& actor, std::int64_t project_id, const NewFolder& input);
  /// Renames, moves (within its project) or reorders a folder and records `folder.updated` with the changes.
  /// Moving it under itself or one of its descendants fails. Errors: not_found, forbidden, validation_failed.
  Result<store::FolderRow> update_folder(const Actor& actor, std::int64_t id, const FolderChanges& changes);
  /// Deletes an empty folder with its (empty) subfolders and records `folder.deleted`. Errors: not_found,
  /// forbidden, conflict (it or a subfolder still holds items; details.item_count).
  Status delete_folder(const Actor& actor, std::int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
