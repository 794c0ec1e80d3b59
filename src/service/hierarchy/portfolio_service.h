// Portfolios: nested groups of projects. Every internal user sees all portfolios, but only the projects in
// them that the Policy lets them see; admins and managers change them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/hierarchy/portfolio_repository.h"

namespace tandem::service {

/// A portfolio with the ids of the projects in it that the actor may see, in their order.
struct PortfolioView {
  store::PortfolioRow portfolio;
  std::vector<std::int64_t> project_ids;
};

struct NewPortfolio {
  std::string name{};
  std::string description{};
  std::optional<std::int64_t> parent_id{};
  std::optional<double> position{};  // default: after its last sibling
};

struct PortfolioChanges {
  std::optional<std::string> name{};
  std::optional<std::string> description{};
  std::optional<std::optional<std::int64_t>> parent_id{};  // set to nullopt to move to the top level
  std::optional<double> position{};
};

class PortfolioService {
 public:
  PortfolioService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Portfolios in (position, id) order after `after`, at most `limit` (1..200). Errors: forbidden.
  Result<std::vector<PortfolioView>> list_portfolios(const Actor& actor,
                                                     const std::optional<store::PositionCursor>& after,
                                                     int limit);
  /// One portfolio. Errors: forbidden, not_found.
  Result<PortfolioView> get_portfolio(const Actor& actor, std::int64_t id);
  /// Creates a portfolio and records `portfolio.created`. Errors: forbidden (not an admin or manager),
  /// validation_failed (name, description, parent_id, position).
  Result<PortfolioView> create_portfolio(const Actor& actor, const NewPortfolio& input);
  /// Changes, moves or reorders a portfolio and records `portfolio.updated` with the changes. Moving it under
  /// itself or one of its descendants fails. Errors: forbidden, not_found, validation_failed.
  Result<PortfolioView> update_portfolio(const Actor& actor, std::int64_t id,
                                         const PortfolioChanges& changes);
  /// Deletes a portfolio with its sub-portfolios (their projects stay) and records `portfolio.deleted`.
  /// Errors: forbidden, not_found.
  Status delete_portfolio(const Actor& actor, std::int64_t id);
  /// Puts a project the actor may see into the portfolio at `position` (default: last), or moves it there;
  /// records `portfolio.project_added` or `portfolio.project_moved`. With `from_portfolio_id` (another
  /// portfolio) the project leaves that one in the same transaction, as remove_project does. Errors:
  /// forbidden, not_found (portfolio, a project the actor may not see, or one not in `from_portfolio_id`),
  /// validation_failed (position).
  Result<store::PortfolioProjectRow> put_project(
      const Actor& actor, std::int64_t portfolio_id, std::int64_t project_id, std::optional<double> position,
      std::optional<std::int64_t> from_portfolio_id = std::nullopt);
  /// Takes a project out of the portfolio and records `portfolio.project_removed`. Errors: forbidden,
  /// not_found (portfolio, project not visible, or not in the portfolio).
  Status remove_project(const Actor& actor, std::int64_t portfolio_id, std::int64_t project_id);

 private:
  // remove_project's work inside a transaction that has checked the actor may manage portfolios.
  Status take_project_out(store::Txn& txn, const Actor& actor, std::int64_t portfolio_id,
                          std::int64_t project_id);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
