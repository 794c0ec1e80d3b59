// Rows of portfolios (nested to any depth through parent_id) and of their links to projects: a project may
// sit in several portfolios, each time at its own position.
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

struct PortfolioRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string name;
  std::string description;
  double position = 0;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

struct PortfolioProjectRow {
  std::int64_t portfolio_id = 0;
  std::int64_t project_id = 0;
  double position = 0;
};

/// Inserts a portfolio and returns its id.
Result<std::int64_t> insert_portfolio(Txn& txn, const PortfolioRow& portfolio);
/// Writes every column of the portfolio but id and created_at.
Status update_portfolio(Txn& txn, const PortfolioRow& portfolio);
/// Deletes the portfolio; its sub-portfolios and project links go with it (projects stay).
Status delete_portfolio(Txn& txn, std::int64_t id);
/// The portfolio with this id, or nullopt.
Result<std::optional<PortfolioRow>> find_portfolio(Txn& txn, std::int64_t id);
/// Portfolios in (position, id) order after `after`, at most `limit` (all when negative).
Result<std::vector<PortfolioRow>> list_portfolios(Txn& txn, const std::optional<PositionCursor>& after,
                                                  int limit);
/// One past the largest position among the children of `parent_id` (top level when nullopt).
Result<double> next_portfolio_position(Txn& txn, std::optional<std::int64_t> parent_id);

/// Adds the project to the portfolio at `position`, or moves it there when it already is in it.
Status put_portfolio_project(Txn& txn, const PortfolioProjectRow& link);
/// The link of the project to the portfolio, or nullopt.
Result<std::optional<PortfolioProjectRow>> find_portfolio_project(Txn& txn, std::int64_t portfolio_id,
                                                                  std::int64_t project_id);
/// Takes the project out of the portfolio; false when it was not in it.
Result<bool> delete_portfolio_project(Txn& txn, std::int64_t portfolio_id, std::int64_t project_id);
/// One past the largest position of the projects in the portfolio.
Result<double> next_portfolio_project_position(Txn& txn, std::int64_t portfolio_id);
/// The links to projects passing `visible_projects` (a filter on `projects`), by portfolio, position,
/// project id.
Result<std::vector<PortfolioProjectRow>> list_portfolio_projects(Txn& txn, const SqlFilter& visible_projects);

}  // namespace tandem::store
