#include "api/api_app.h"
#include "api/hierarchy_io.h"
#include "api/hierarchy_serializers.h"
#include "api/json_io.h"
#include "api/routes.h"

namespace tandem::api {

namespace {

Result<net::Response> list_portfolios(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(const auto page, position_page(context.request));
  TANDEM_ASSIGN(auto views,
                app.services().portfolios.list_portfolios(context.actor(), page.after, page.limit));
  nlohmann::json items = array_of(views, portfolio_json);
  if (views.empty()) return page_response(std::move(items), "");
  return position_page_response(std::move(items), page, views.back().portfolio.position,
                                views.back().portfolio.id);
}

Result<net::Response> create_portfolio(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::NewPortfolio input;
  TANDEM_ASSIGN(input.name, string_field(body, "name"));
  TANDEM_ASSIGN(input.description, string_field(body, "description"));
  TANDEM_ASSIGN(input.parent_id, optional_id(body, "parent_id"));
  TANDEM_ASSIGN(input.position, optional_number(body, "position"));
  TANDEM_ASSIGN(auto view, app.services().portfolios.create_portfolio(context.actor(), input));
  return json_response(201, portfolio_json(view));
}

Result<net::Response> get_portfolio(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto view, app.services().portfolios.get_portfolio(context.actor(), id));
  return json_response(200, portfolio_json(view));
}

Result<net::Response> update_portfolio(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::PortfolioChanges changes;
  TANDEM_ASSIGN(changes.name, optional_string(body, "name"));
  TANDEM_ASSIGN(changes.description, optional_string(body, "description"));
  if (body.contains("parent_id")) {
    TANDEM_ASSIGN(auto parent_id, optional_id(body, "parent_id"));
    changes.parent_id.emplace(parent_id);
  }
  TANDEM_ASSIGN(changes.position, optional_number(body, "position"));
  TANDEM_ASSIGN(auto view, app.services().portfolios.update_portfolio(context.actor(), id, changes));
  return json_response(200, portfolio_json(view));
}

Result<net::Response> delete_portfolio(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().portfolios.delete_portfolio(context.actor(), id));
  return net::Response::empty(204);
}

Result<net::Response> put_project(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto project_id, id_param(context.request, "project_id"));
  std::optional<double> position;
  std::optional<std::int64_t> from_portfolio_id;
  if (!context.request.body.empty()) {
    TANDEM_ASSIGN(auto body, parse_json_object(context.request));
    TANDEM_ASSIGN(position, optional_number(body, "position"));
    TANDEM_ASSIGN(from_portfolio_id, optional_id(body, "from_portfolio_id"));
  }
  TANDEM_ASSIGN(auto link, app.services().portfolios.put_project(context.actor(), id, project_id, position,
                                                                 from_portfolio_id));
  return json_response(200, portfolio_project_json(link));
}

Result<net::Response> remove_project(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto project_id, id_param(context.request, "project_id"));
  TANDEM_TRY(app.services().portfolios.remove_project(context.actor(), id, project_id));
  return net::Response::empty(204);
}

}  // namespace

void register_portfolio_routes(ApiApp& app) {
  app.add("GET", "/api/v1/portfolios", Access::signed_in,
          [&app](RequestContext& c) { return list_portfolios(app, c); });
  app.add("POST", "/api/v1/portfolios", Access::signed_in,
          [&app](RequestContext& c) { return create_portfolio(app, c); });
  app.add("GET", "/api/v1/portfolios/{id}", Access::signed_in,
          [&app](RequestContext& c) { return get_portfolio(app, c); });
  app.add("PATCH", "/api/v1/portfolios/{id}", Access::signed_in,
          [&app](RequestContext& c) { return update_portfolio(app, c); });
  app.add("DELETE", "/api/v1/portfolios/{id}", Access::signed_in,
          [&app](RequestContext& c) { return delete_portfolio(app, c); });
  app.add("PUT", "/api/v1/portfolios/{id}/projects/{project_id}", Access::signed_in,
          [&app](RequestContext& c) { return put_project(app, c); });
  app.add("DELETE", "/api/v1/portfolios/{id}/projects/{project_id}", Access::signed_in,
          [&app](RequestContext& c) { return remove_project(app, c); });
}

}  // namespace tandem::api
