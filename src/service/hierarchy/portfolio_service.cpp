#include "service/hierarchy/portfolio_service.h"

#include <algorithm>

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/hierarchy/project_access.h"

namespace tandem::service {

namespace {

Status check_may_see(const Actor& actor) {
  if (!Policy::can(actor, Action::view_work))
    return Error::make(ErrorCode::forbidden, "you may not see portfolios");
  return {};
}

Status check_may_manage(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_portfolios))
    return Error::make(ErrorCode::forbidden, "only admins and managers change portfolios");
  return {};
}

Result<store::PortfolioRow> existing_portfolio(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto portfolio, store::find_portfolio(txn, id));
  if (!portfolio) return Error::make(ErrorCode::not_found, "no such portfolio");
  return std::move(*portfolio);
}

// Each portfolio with the projects in it that the actor may see.
Result<std::vector<PortfolioView>> with_projects(store::Txn& txn, const Actor& actor,
                                                 std::vector<store::PortfolioRow> portfolios) {
  TANDEM_ASSIGN(const auto links, store::list_portfolio_projects(txn, Policy::visible_projects(actor)));
  std::vector<PortfolioView> views;
  views.reserve(portfolios.size());
  for (auto& portfolio : portfolios) {
    PortfolioView view{std::move(portfolio), {}};
    for (const auto& link : links)
      if (link.portfolio_id == view.portfolio.id) view.project_ids.push_back(link.project_id);
    views.push_back(std::move(view));
  }
  return views;
}

Result<PortfolioView> view_of(store::Txn& txn, const Actor& actor, std::int64_t id) {
  TANDEM_ASSIGN(auto portfolio, existing_portfolio(txn, id));
  TANDEM_ASSIGN(auto views, with_projects(txn, actor, {std::move(portfolio)}));
  return std::move(views.front());
}

// Checks that `parent_id` names a portfolio that `id` (0 for a new one) may move under.
Status check_parent(store::Txn& txn, std::int64_t id, std::int64_t parent_id) {
  TANDEM_ASSIGN(auto parent, store::find_portfolio(txn, parent_id));
  if (!parent) return invalid("parent_id", "there is no portfolio " + std::to_string(parent_id));
  if (id == 0) return {};
  TANDEM_ASSIGN(const bool inside, store::is_within(txn, store::NestedTable::portfolios, parent_id, id));
  if (inside)
    return invalid("parent_id", "a portfolio cannot move under itself or one of its sub-portfolios");
  return {};
}

}  // namespace

Result<std::vector<PortfolioView>> PortfolioService::list_portfolios(
    const Actor& actor, const std::optional<store::PositionCursor>& after, int limit) {
  TANDEM_TRY(check_may_see(actor));
  std::vector<PortfolioView> views;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto portfolios, store::list_portfolios(txn, after, std::clamp(limit, 1, 200)));
    TANDEM_ASSIGN(views, with_projects(txn, actor, std::move(portfolios)));
    return {};
  }));
  return views;
}

Result<PortfolioView> PortfolioService::get_portfolio(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(check_may_see(actor));
  PortfolioView view;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(view, view_of(txn, actor, id));
    return {};
  }));
  return view;
}

Result<PortfolioView> PortfolioService::create_portfolio(const Actor& actor, const NewPortfolio& input) {
  TANDEM_TRY(check_may_manage(actor));
  store::PortfolioRow portfolio;
  TANDEM_ASSIGN(portfolio.name, checked_name("name", input.name));
  TANDEM_ASSIGN(portfolio.description, checked_description(input.description));
  portfolio.parent_id = input.parent_id;
  portfolio.created_at = portfolio.updated_at = clock_.now_ms();
  PortfolioView view;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    if (portfolio.parent_id) TANDEM_TRY(check_parent(txn, 0, *portfolio.parent_id));
    if (input.position) {
      TANDEM_ASSIGN(portfolio.position, checked_position(*input.position));
    } else {
      TANDEM_ASSIGN(portfolio.position, store::next_portfolio_position(txn, portfolio.parent_id));
    }
    TANDEM_ASSIGN(portfolio.id, store::insert_portfolio(txn, portfolio));
    TANDEM_TRY(record_event(txn, actor, portfolio.created_at, "portfolio", portfolio.id, "portfolio.created",
                            {{"name", portfolio.name},
                             {"description", portfolio.description},
                             {"parent_id", nullable(portfolio.parent_id)},
                             {"position", portfolio.position}}));
    TANDEM_ASSIGN(view, view_of(txn, actor, portfolio.id));
    return {};
  }));
  return view;
}

Result<PortfolioView> PortfolioService::update_portfolio(const Actor& actor, std::int64_t id,
                                                         const PortfolioChanges& changes) {
  TANDEM_TRY(check_may_manage(actor));
  PortfolioView view;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto portfolio, existing_portfolio(txn, id));
    ChangeSet diff;
    if (changes.name) {
      TANDEM_ASSIGN(auto name, checked_name("name", *changes.name));
      diff.set("name", portfolio.name, std::move(name));
    }
    if (changes.description) {
      TANDEM_ASSIGN(auto description, checked_description(*changes.description));
      diff.set("description", portfolio.description, std::move(description));
    }
    if (changes.parent_id) {
      if (*changes.parent_id) TANDEM_TRY(check_parent(txn, id, **changes.parent_id));
      diff.set("parent_id", portfolio.parent_id, *changes.parent_id);
    }
    if (changes.position) {
      TANDEM_ASSIGN(const double position, checked_position(*changes.position));
      diff.set("position", portfolio.position, position);
    }
    if (!diff.empty()) {
      portfolio.updated_at = clock_.now_ms();
      TANDEM_TRY(store::update_portfolio(txn, portfolio));
      TANDEM_TRY(record_event(txn, actor, portfolio.updated_at, "portfolio", id, "portfolio.updated",
                              diff.payload()));
    }
    TANDEM_ASSIGN(view, view_of(txn, actor, id));
    return {};
  }));
  return view;
}

Status PortfolioService::delete_portfolio(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(check_may_manage(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto portfolio, existing_portfolio(txn, id));
    TANDEM_ASSIGN(auto removed, store::subtree_ids(txn, store::NestedTable::portfolios, id));
    removed.erase(removed.begin());  // the portfolio itself
    TANDEM_TRY(store::delete_portfolio(txn, id));
    return record_event(txn, actor, clock_.now_ms(), "portfolio", id, "portfolio.deleted",
                        {{"name", portfolio.name},
                         {"parent_id", nullable(portfolio.parent_id)},
                         {"removed_portfolio_ids", removed}});
  });
}

Result<store::PortfolioProjectRow> PortfolioService::put_project(
    const Actor& actor, std::int64_t portfolio_id, std::int64_t project_id, std::optional<double> position,
    std::optional<std::int64_t> from_portfolio_id) {
  TANDEM_TRY(check_may_manage(actor));
  store::PortfolioProjectRow link{portfolio_id, project_id, 0};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(existing_portfolio(txn, portfolio_id)));
    TANDEM_TRY(status_of(visible_project(txn, actor, project_id)));
    if (from_portfolio_id && *from_portfolio_id != portfolio_id)
      TANDEM_TRY(take_project_out(txn, actor, *from_portfolio_id, project_id));
    TANDEM_ASSIGN(const auto existing, store::find_portfolio_project(txn, portfolio_id, project_id));
    if (position) {
      TANDEM_ASSIGN(link.position, checked_position(*position));
    } else if (existing) {
      link.position = existing->position;
    } else {
      TANDEM_ASSIGN(link.position, store::next_portfolio_project_position(txn, portfolio_id));
    }
    const TimestampMs now = clock_.now_ms();
    if (!existing) {
      TANDEM_TRY(store::put_portfolio_project(txn, link));
      return record_event(txn, actor, now, "portfolio", portfolio_id, "portfolio.project_added",
                          {{"project_id", project_id}, {"position", link.position}});
    }
    if (existing->position == link.position) return {};
    TANDEM_TRY(store::put_portfolio_project(txn, link));
    ChangeSet diff;
    diff.note("position", existing->position, link.position);
    nlohmann::json payload = diff.payload();
    payload["project_id"] = project_id;
    return record_event(txn, actor, now, "portfolio", portfolio_id, "portfolio.project_moved", payload);
  }));
  return link;
}

Status PortfolioService::remove_project(const Actor& actor, std::int64_t portfolio_id,
                                        std::int64_t project_id) {
  TANDEM_TRY(check_may_manage(actor));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(visible_project(txn, actor, project_id)));
    return take_project_out(txn, actor, portfolio_id, project_id);
  });
}

Status PortfolioService::take_project_out(store::Txn& txn, const Actor& actor, std::int64_t portfolio_id,
                                          std::int64_t project_id) {
  TANDEM_TRY(status_of(existing_portfolio(txn, portfolio_id)));
  TANDEM_ASSIGN(const bool removed, store::delete_portfolio_project(txn, portfolio_id, project_id));
  if (!removed) return Error::make(ErrorCode::not_found, "the project is not in this portfolio");
  return record_event(txn, actor, clock_.now_ms(), "portfolio", portfolio_id, "portfolio.project_removed",
                      {{"project_id", project_id}});
}

}  // namespace tandem::service
