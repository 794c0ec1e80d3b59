#include "api/api_app.h"
#include "api/json_io.h"
#include "api/routes.h"
#include "api/serializers.h"

namespace tandem::api {

namespace {

nlohmann::json optional_id_json(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

nlohmann::json organization_json(const store::OrganizationRow& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"domains", o.domains},
          {"custom_fields", nlohmann::json::parse(o.custom_fields)},
          {"intake_project_id", optional_id_json(o.intake_project_id)},
          {"version", o.version},
          {"created_at", format_iso8601(o.created_at)},
          {"updated_at", format_iso8601(o.updated_at)}};
}

nlohmann::json customer_json(const store::CustomerRow& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"emails", c.emails},
          {"organization_id", optional_id_json(c.organization_id)},
          {"active", c.active},
          {"has_password", c.password_hash.has_value()},
          {"user_id", optional_id_json(c.user_id)},
          {"language", c.language ? nlohmann::json(*c.language) : nlohmann::json()},
          {"version", c.version},
          {"created_at", format_iso8601(c.created_at)},
          {"updated_at", format_iso8601(c.updated_at)}};
}

// The member `key` when present: nullopt inside for null, else a positive id. Errors: validation_failed.
Result<std::optional<std::optional<std::int64_t>>> nullable_id(const nlohmann::json& body,
                                                               std::string_view key) {
  if (!body.contains(key)) return std::optional<std::optional<std::int64_t>>();
  if (body[key].is_null()) return std::optional<std::optional<std::int64_t>>(std::optional<std::int64_t>());
  TANDEM_ASSIGN(auto id, optional_id(body, key));
  return std::optional<std::optional<std::int64_t>>(id);
}

Result<service::OrganizationInput> organization_input(const net::Request& request) {
  TANDEM_ASSIGN(auto body, parse_json_object(request));
  service::OrganizationInput input;
  TANDEM_ASSIGN(input.name, optional_string(body, "name"));
  TANDEM_ASSIGN(input.domains, optional_string_list(body, "domains"));
  if (body.contains("custom_fields") && !body["custom_fields"].is_null())
    input.custom_fields = body["custom_fields"];
  TANDEM_ASSIGN(input.intake_project_id, nullable_id(body, "intake_project_id"));
  return input;
}

Result<service::CustomerInput> customer_input(const net::Request& request) {
  TANDEM_ASSIGN(auto body, parse_json_object(request));
  service::CustomerInput input;
  TANDEM_ASSIGN(input.name, optional_string(body, "name"));
  TANDEM_ASSIGN(input.emails, optional_string_list(body, "emails"));
  TANDEM_ASSIGN(input.organization_id, nullable_id(body, "organization_id"));
  TANDEM_ASSIGN(input.active, optional_bool(body, "active"));
  TANDEM_ASSIGN(input.language, nullable_string(body, "language"));
  return input;
}

template <typename Row>
net::Response id_page(const std::vector<Row>& rows, int limit, nlohmann::json (*to_json)(const Row&)) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : rows) items.push_back(to_json(row));
  const bool more = static_cast<int>(rows.size()) == limit;
  return page_response(std::move(items), more ? std::to_string(rows.back().id) : "");
}

Result<net::Response> list_organizations(ApiApp& app, RequestContext& context) {
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(auto rows, app.services().customers.list_organizations(context.actor(), after, limit));
  return id_page(rows, limit, organization_json);
}

Result<net::Response> create_organization(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto input, organization_input(context.request));
  TANDEM_ASSIGN(auto org, app.services().customers.create_organization(context.actor(), input));
  return json_response(201, organization_json(org));
}

Result<net::Response> get_organization(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto org, app.services().customers.get_organization(context.actor(), id));
  return json_response(200, organization_json(org));
}

Result<net::Response> update_organization(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto input, organization_input(context.request));
  TANDEM_ASSIGN(auto org, app.services().customers.update_organization(context.actor(), id, input));
  return json_response(200, organization_json(org));
}

Result<net::Response> delete_organization(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().customers.delete_organization(context.actor(), id));
  return net::Response::empty(204);
}

Result<net::Response> list_customers(ApiApp& app, RequestContext& context) {
  const auto [limit, after] = page_params(context.request);
  TANDEM_ASSIGN(const auto organization_id,
                optional_id_query(context.request, "organization_id", "an organization id"));
  TANDEM_ASSIGN(auto rows,
                app.services().customers.list_customers(context.actor(), after, limit, organization_id));
  return id_page(rows, limit, customer_json);
}

Result<net::Response> create_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto input, customer_input(context.request));
  TANDEM_ASSIGN(auto customer, app.services().customers.create_customer(context.actor(), input));
  return json_response(201, customer_json(customer));
}

Result<net::Response> get_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto customer, app.services().customers.get_customer(context.actor(), id));
  return json_response(200, customer_json(customer));
}

Result<net::Response> update_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto input, customer_input(context.request));
  TANDEM_ASSIGN(auto customer, app.services().customers.update_customer(context.actor(), id, input));
  return json_response(200, customer_json(customer));
}

Result<net::Response> delete_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().customers.delete_customer(context.actor(), id));
  return net::Response::empty(204);
}

Result<net::Response> invite_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_TRY(app.services().portal_auth.invite(context.actor(), id));
  return json_response(202, {{"invited", true}});
}

Result<net::Response> convert_to_user(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto role, string_field(body, "role"));
  TANDEM_ASSIGN(auto user, app.services().customers.convert_to_user(context.actor(), id, role));
  return json_response(201, user_json(user));
}

Result<net::Response> convert_to_customer(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto customer, app.services().customers.convert_to_customer(context.actor(), id));
  return json_response(201, customer_json(customer));
}

Result<net::Response> share_projects(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  service::ShareRequest request;
  TANDEM_ASSIGN(request.project_ids, id_list(body, "project_ids"));
  TANDEM_ASSIGN(request.customer_ids, id_list(body, "customer_ids"));
  TANDEM_ASSIGN(request.organization_ids, id_list(body, "organization_ids"));
  TANDEM_TRY(app.services().customers.share_projects(context.actor(), request));
  return net::Response::empty(204);
}

Result<net::Response> unshare_project(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto id, id_param(context.request, "id"));
  TANDEM_ASSIGN(auto party_id, id_param(context.request, "party_id"));
  TANDEM_TRY(
      app.services().customers.unshare_project(context.actor(), id, context.request.param("kind"), party_id));
  return net::Response::empty(204);
}

Result<net::Response> get_portal_settings(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto settings, app.services().customers.portal_settings(context.actor()));
  return json_response(200, service::portal_settings_json(settings));
}

Result<net::Response> put_portal_settings(ApiApp& app, RequestContext& context) {
  TANDEM_ASSIGN(auto body, parse_json_object(context.request));
  TANDEM_ASSIGN(auto settings, app.services().customers.update_portal_settings(context.actor(), body));
  return json_response(200, service::portal_settings_json(settings));
}

}  // namespace

void register_customer_routes(ApiApp& app) {
  const auto route = [&app](std::string method, std::string pattern,
                            Result<net::Response> (*handler)(ApiApp&, RequestContext&)) {
    app.add(std::move(method), std::move(pattern), Access::signed_in,
            [&app, handler](RequestContext& c) { return handler(app, c); });
  };
  route("GET", "/api/v1/organizations", list_organizations);
  route("POST", "/api/v1/organizations", create_organization);
  route("GET", "/api/v1/organizations/{id}", get_organization);
  route("PATCH", "/api/v1/organizations/{id}", update_organization);
  route("DELETE", "/api/v1/organizations/{id}", delete_organization);
  route("GET", "/api/v1/customers", list_customers);
  route("POST", "/api/v1/customers", create_customer);
  route("GET", "/api/v1/customers/{id}", get_customer);
  route("PATCH", "/api/v1/customers/{id}", update_customer);
  route("DELETE", "/api/v1/customers/{id}", delete_customer);
  route("POST", "/api/v1/customers/{id}/invite", invite_customer);
  route("POST", "/api/v1/customers/{id}/convert-to-user", convert_to_user);
  route("POST", "/api/v1/users/{id}/convert-to-customer", convert_to_customer);
  route("POST", "/api/v1/projects/share", share_projects);
  route("DELETE", "/api/v1/projects/{id}/shares/{kind}/{party_id}", unshare_project);
  route("GET", "/api/v1/settings/portal", get_portal_settings);
  route("PUT", "/api/v1/settings/portal", put_portal_settings);
}

}  // namespace tandem::api
