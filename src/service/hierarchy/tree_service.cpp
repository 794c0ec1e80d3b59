#include "service/hierarchy/tree_service.h"

#include <map>
#include <optional>
#include <unordered_map>

#include "core/policy.h"
#include "store/hierarchy/folder_repository.h"
#include "store/hierarchy/portfolio_repository.h"
#include "store/hierarchy/project_repository.h"

namespace tandem::service {

namespace {

// The rows of one read, indexed for building the tree.
struct TreeRows {
  std::unordered_map<std::int64_t, store::ProjectView> projects;                // visible ones, by id
  std::unordered_map<std::int64_t, std::vector<store::FolderRow>> top_folders;  // by project
  std::unordered_map<std::int64_t, std::vector<store::FolderRow>> sub_folders;  // by parent folder
  std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> folder_counts;  // (project, folder) -> n
  std::unordered_map<std::int64_t, std::int64_t> project_counts;                // project -> n
  std::unordered_map<std::int64_t, std::vector<store::PortfolioRow>> sub_portfolios;  // by parent (0: top)
  std::unordered_map<std::int64_t, std::vector<store::PortfolioProjectRow>> links;    // by portfolio
};

FolderNode folder_node(const TreeRows& rows, const store::FolderRow& folder) {
  FolderNode node{folder.id, folder.name, folder.position, 0, 0, {}};
  if (const auto count = rows.folder_counts.find({folder.project_id, folder.id});
      count != rows.folder_counts.end())
    node.item_count = count->second;
  node.item_count_total = node.item_count;
  if (const auto children = rows.sub_folders.find(folder.id); children != rows.sub_folders.end())
    for (const auto& child : children->second) {
      node.folders.push_back(folder_node(rows, child));
      node.item_count_total += node.folders.back().item_count_total;
    }
  return node;
}

ProjectNode project_node(const TreeRows& rows, const store::ProjectRow& project, double position) {
  ProjectNode node{project.id, project.name, project.archived, position, 0, {}};
  if (const auto count = rows.project_counts.find(project.id); count != rows.project_counts.end())
    node.item_count = count->second;
  if (const auto top = rows.top_folders.find(project.id); top != rows.top_folders.end())
    for (const auto& folder : top->second) node.folders.push_back(folder_node(rows, folder));
  return node;
}

PortfolioNode portfolio_node(const TreeRows& rows, const store::PortfolioRow& portfolio) {
  PortfolioNode node{portfolio.id, portfolio.name, portfolio.position, {}, {}};
  if (const auto children = rows.sub_portfolios.find(portfolio.id); children != rows.sub_portfolios.end())
    for (const auto& child : children->second) node.portfolios.push_back(portfolio_node(rows, child));
  if (const auto links = rows.links.find(portfolio.id); links != rows.links.end())
    for (const auto& link : links->second)
      if (const auto project = rows.projects.find(link.project_id); project != rows.projects.end())
        node.projects.push_back(project_node(rows, project->second.project, link.position));
  return node;
}

}  // namespace

Result<Tree> TreeService::tree(const Actor& actor, bool include_archived) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see projects");
  TANDEM_ASSIGN(const SqlFilter visible_items, modules_.shown_items(Policy::visible_items(actor)));
  Tree tree;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    const SqlFilter visible_projects = Policy::visible_projects(actor);
    TreeRows rows;
    TANDEM_ASSIGN(auto projects,
                  store::list_visible_projects(txn, visible_projects, actor.user_id,
                                               include_archived ? std::nullopt : std::optional(false),
                                               std::nullopt, -1));
    TANDEM_ASSIGN(auto folders, store::list_folders_of_visible_projects(txn, visible_projects));
    TANDEM_ASSIGN(const auto counts, store::count_visible_items_by_place(txn, visible_items));
    TANDEM_ASSIGN(auto portfolios, store::list_portfolios(txn, std::nullopt, -1));
    TANDEM_ASSIGN(auto links, store::list_portfolio_projects(txn, visible_projects));

    for (auto& folder : folders)
      (folder.parent_id ? rows.sub_folders[*folder.parent_id] : rows.top_folders[folder.project_id])
          .push_back(std::move(folder));
    for (const auto& count : counts) {
      if (!count.project_id) {
        tree.items_outside_projects += count.count;
        continue;
      }
      rows.project_counts[*count.project_id] += count.count;
      if (count.folder_id) rows.folder_counts[{*count.project_id, *count.folder_id}] += count.count;
    }
    for (auto& portfolio : portfolios)
      rows.sub_portfolios[portfolio.parent_id.value_or(0)].push_back(std::move(portfolio));
    for (auto& link : links) rows.links[link.portfolio_id].push_back(link);
    for (const auto& view : projects)
      if (view.portfolio_ids.empty())
        tree.projects.push_back(project_node(rows, view.project, view.project.position));
    for (auto& view : projects) rows.projects.emplace(view.project.id, std::move(view));

    for (const auto& portfolio : rows.sub_portfolios[0])
      tree.portfolios.push_back(portfolio_node(rows, portfolio));
    return {};
  }));
  return tree;
}

}  // namespace tandem::service
