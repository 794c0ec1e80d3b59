// The navigation tree: portfolios > projects > folders, as far as the actor may see, with counts of the
// items the actor may see in each place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "service/settings/module_service.h"
#include "store/database.h"

namespace tandem::service {

struct FolderNode {
  std::int64_t id = 0;
  std::string name;
  double position = 0;
  std::int64_t item_count = 0;        // visible items filed directly in this folder
  std::int64_t item_count_total = 0;  // the same, including every folder below it
  std::vector<FolderNode> folders;
};

struct ProjectNode {
  std::int64_t id = 0;
  std::string name;
  bool archived = false;
  double position = 0;          // within its portfolio, or among the projects in no portfolio
  std::int64_t item_count = 0;  // visible items of the project, in folders or not
  std::vector<FolderNode> folders;
};

struct PortfolioNode {
  std::int64_t id = 0;
  std::string name;
  double position = 0;
  std::vector<PortfolioNode> portfolios;
  std::vector<ProjectNode> projects;  // only those the actor may see
};

struct Tree {
  std::vector<PortfolioNode> portfolios;    // the top-level ones
  std::vector<ProjectNode> projects;        // visible projects in no portfolio
  std::int64_t items_outside_projects = 0;  // visible items in no project
};

class TreeService {
 public:
  TreeService(store::Database& db, ModuleService& modules) : db_(db), modules_(modules) {}

  /// The tree as `actor` sees it: every portfolio, the projects Policy::visible_projects lets through
  /// (archived ones only with `include_archived`), their folders, and counts of the items
  /// Policy::visible_items lets through. Everything in (position, id) order. Errors: forbidden.
  Result<Tree> tree(const Actor& actor, bool include_archived);

 private:
  store::Database& db_;
  ModuleService& modules_;
};

}  // namespace tandem::service
