#include "store/hierarchy/portfolio_repository.h"

namespace tandem::store {

namespace {

constexpr std::string_view kColumns =
    "p.id, p.parent_id, p.name, p.description, p.position, p.created_at, "
    "p.updated_at";

PortfolioRow portfolio_from_row(const Row& row) {
  return {row.int64(0), row.opt_int64(1), row.text(2), row.text(3), row.real(4), row.int64(5), row.int64(6)};
}

}  // namespace

Result<std::int64_t> insert_portfolio(Txn& txn, const PortfolioRow& portfolio) {
  return txn.insert(
      "INSERT INTO portfolios(parent_id, name, description, position, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      {value_or_null(portfolio.parent_id), portfolio.name, portfolio.description, portfolio.position,
       portfolio.created_at, portfolio.updated_at});
}

Status update_portfolio(Txn& txn, const PortfolioRow& portfolio) {
  return txn.exec(
      "UPDATE portfolios SET parent_id = ?, name = ?, description = ?, position = ?, updated_at = ? "
      "WHERE id = ?",
      {value_or_null(portfolio.parent_id), portfolio.name, portfolio.description, portfolio.position,
       portfolio.updated_at, portfolio.id});
}

Status delete_portfolio(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM portfolios WHERE id = ?", {id});
}

Result<std::optional<PortfolioRow>> find_portfolio(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto row,
                txn.one("SELECT " + std::string(kColumns) + " FROM portfolios p WHERE p.id = ?", {id}));
  if (!row) return std::optional<PortfolioRow>{};
  return std::optional(portfolio_from_row(*row));
}

Result<std::vector<PortfolioRow>> list_portfolios(Txn& txn, const std::optional<PositionCursor>& after,
                                                  int limit) {
  std::vector<Value> params;
  const std::string where = after_position("p", after, params);
  params.emplace_back(std::int64_t{limit});
  std::vector<PortfolioRow> portfolios;
  TANDEM_TRY(txn.exec("SELECT " + std::string(kColumns) + " FROM portfolios p WHERE 1" + where +
                          " ORDER BY p.position, p.id LIMIT ?",
                      params, [&](const Row& row) { portfolios.push_back(portfolio_from_row(row)); }));
  return portfolios;
}

Result<double> next_portfolio_position(Txn& txn, std::optional<std::int64_t> parent_id) {
  return next_position(txn, "portfolios", "parent_id IS ?", {value_or_null(parent_id)});
}

Status put_portfolio_project(Txn& txn, const PortfolioProjectRow& link) {
  return txn.exec(
      "INSERT INTO portfolio_projects(portfolio_id, project_id, position) VALUES (?, ?, ?) "
      "ON CONFLICT (portfolio_id, project_id) DO UPDATE SET position = excluded.position",
      {link.portfolio_id, link.project_id, link.position});
}

Result<std::optional<PortfolioProjectRow>> find_portfolio_project(Txn& txn, std::int64_t portfolio_id,
                                                                  std::int64_t project_id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT position FROM portfolio_projects WHERE portfolio_id = ? AND "
                                  "project_id = ?",
                                  {portfolio_id, project_id}));
  if (!row) return std::optional<PortfolioProjectRow>{};
  return std::optional(PortfolioProjectRow{portfolio_id, project_id, row->real(0)});
}

Result<bool> delete_portfolio_project(Txn& txn, std::int64_t portfolio_id, std::int64_t project_id) {
  TANDEM_TRY(txn.exec("DELETE FROM portfolio_projects WHERE portfolio_id = ? AND project_id = ?",
                      {portfolio_id, project_id}));
  return txn.changes() > 0;
}

Result<double> next_portfolio_project_position(Txn& txn, std::int64_t portfolio_id) {
  return next_position(txn, "portfolio_projects", "portfolio_id = ?", {portfolio_id});
}

Result<std::vector<PortfolioProjectRow>> list_portfolio_projects(Txn& txn,
                                                                 const SqlFilter& visible_projects) {
  std::vector<PortfolioProjectRow> links;
  TANDEM_TRY(
      txn.exec("SELECT pp.portfolio_id, pp.project_id, pp.position FROM portfolio_projects pp "
               "JOIN projects ON projects.id = pp.project_id WHERE " +
                   visible_projects.sql + " ORDER BY pp.portfolio_id, pp.position, pp.project_id",
               filter_params(visible_projects), [&](const Row& row) {
                 links.push_back({row.int64(0), row.int64(1), row.real(2)});
               }));
  return links;
}

}  // namespace tandem::store
