#include "service/portal/portal_service.h"

#include <algorithm>
#include <array>

#include "core/policy.h"
#include "service/auth/secrets.h"
#include "service/customers/customer_service.h"
#include "service/customers/portal_settings.h"
#include "service/items/item_followers.h"
#include "store/conversations/message_repository.h"
#include "store/customers/customer_repository.h"
#include "store/hierarchy/project_repository.h"
#include "store/items/item_repository.h"

namespace tandem::service {

namespace {

// What every customer sees of an item, whatever the settings.
constexpr std::array<std::string_view, 9> kBasicItemFields = {
    "id", "number", "type", "title", "description", "state", "project_id", "created_at", "updated_at"};
// The list parameters the portal passes on.
constexpr std::array<std::string_view, 4> kListParameters = {"limit", "cursor", "state", "q"};

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

// The item as customers see it: the basic fields and those the settings show, nothing else.
nlohmann::json portal_view(const std::string& item_json, const PortalSettings& settings) {
  const auto item = nlohmann::json::parse(item_json);
  nlohmann::json out = nlohmann::json::object();
  for (const auto field : kBasicItemFields)
    out[std::string(field)] = item.value(std::string(field), nlohmann::json());
  for (const auto& field : settings.item_fields) out[field] = item.value(field, nlohmann::json());
  return out;
}

Status require_signed_in_customer(const Actor& customer) {
  if (!customer.is_customer() || customer.portal.only_item_id != 0)
    return Error::make(ErrorCode::forbidden, "sign in to the portal first");
  return {};
}

}  // namespace

Result<PortalSettings> PortalService::read_settings() {
  PortalSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_portal_settings(txn));
    return {};
  }));
  return settings;
}

Result<PortalItemPage> PortalService::list_items(const Actor& customer, const QueryParams& params) {
  for (const auto& [name, value] : params)
    if (std::find(kListParameters.begin(), kListParameters.end(), name) == kListParameters.end())
      return invalid(name, "the portal lists items by limit, cursor, state and q only");
  TANDEM_ASSIGN(const auto settings, read_settings());
  TANDEM_ASSIGN(auto page, items_.list_items(customer, params));
  PortalItemPage out;
  for (const auto& item : page.items) out.items.push_back(portal_view(item.json, settings));
  out.next_cursor = std::move(page.next_cursor);
  return out;
}

Result<nlohmann::json> PortalService::get_item(const Actor& customer, std::int64_t id) {
  TANDEM_ASSIGN(const auto item, items_.get_item(customer, id));
  TANDEM_ASSIGN(const auto settings, read_settings());
  return portal_view(item.json, settings);
}

Result<std::int64_t> PortalService::target_project(const Actor& customer, const TicketRequest& request) {
  std::optional<std::int64_t> project_id;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto settings, load_portal_settings(txn));
    if (request.project_id) {
      if (!settings.customers_pick_project)
        return invalid("project_id", "tickets go where the support team routes them: leave project_id out");
      const SqlFilter visible = Policy::visible_projects(customer);
      std::vector<store::Value> params{*request.project_id};
      store::append_filter_params(params, visible);
      TANDEM_ASSIGN(const auto row,
                    txn.one("SELECT 1 FROM projects WHERE projects.id = ? AND " + visible.sql, params));
      if (!row)
        return invalid("project_id",
                       "there is no project " + std::to_string(*request.project_id) + " you may pick");
      project_id = request.project_id;
      return {};
    }
    if (customer.organization_id != 0) {
      TANDEM_ASSIGN(project_id, intake_project(txn, Actor::system(), customer.organization_id, settings,
                                               clock_.now_ms()));
    }
    if (!project_id) project_id = settings.default_project_id;
    if (!project_id) return invalid("project_id", "the portal has no project to put tickets in yet");
    return {};
  }));
  return *project_id;
}

Result<nlohmann::json> PortalService::create(const Actor& customer, const TicketRequest& request,
                                             std::int64_t project_id) {
  if (request.title.find_first_not_of(" \t\r\n") == std::string::npos)
    return invalid("title", "title is required");
  const nlohmann::json fields = {{"type", "ticket"},
                                 {"title", request.title},
                                 {"description", request.description},
                                 {"project_id", project_id},
                                 {"requesters", {{{"kind", "customer"}, {"id", customer.customer_id}}}}};
  TANDEM_ASSIGN(const auto item, items_.create_item(customer, fields, "portal"));
  TANDEM_ASSIGN(const auto settings, read_settings());
  return portal_view(item.json, settings);
}

Result<nlohmann::json> PortalService::submit_ticket(const Actor& customer, const TicketRequest& request) {
  TANDEM_TRY(require_signed_in_customer(customer));
  TANDEM_ASSIGN(const std::int64_t project_id, target_project(customer, request));
  return create(customer, request, project_id);
}

Result<VisitorTicket> PortalService::submit_as_visitor(std::string_view email, std::string_view name,
                                                       const TicketRequest& request) {
  std::optional<store::CustomerRow> requester;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto settings, load_portal_settings(txn));
    if (settings.require_login) return Error::make(ErrorCode::unauthenticated, "sign in to submit a ticket");
    TANDEM_ASSIGN(requester,
                  customer_for_email(txn, Actor::system(), email, name, settings, clock_.now_ms()));
    return {};
  }));
  if (!requester->active) return Error::make(ErrorCode::forbidden, "this account is closed");
  // The visitor acts as the customer of its email but, holding no password, sees only this ticket.
  PortalScope none;
  none.requested = none.followed = none.organization = none.followed_projects = false;
  const Actor visitor =
      Actor::customer(requester->id, requester->organization_id.value_or(0), requester->name, none);
  TANDEM_ASSIGN(const std::int64_t project_id,
                target_project(visitor, TicketRequest{request.title, request.description, std::nullopt}));
  TANDEM_ASSIGN(auto item, create(visitor, request, project_id));
  VisitorTicket ticket{std::move(item), random_token()};
  TANDEM_TRY(db_.write([&](store::Txn& txn) {
    return store::insert_item_access_link(txn, hash_secret(ticket.secret),
                                          ticket.item["id"].get<std::int64_t>(), clock_.now_ms());
  }));
  return ticket;
}

Result<MessageView> PortalService::reply(const Actor& customer, std::int64_t item_id, const std::string& body,
                                         std::vector<std::int64_t> file_ids) {
  return conversations_.post_message(customer, item_id, NewMessage{body, "public", std::move(file_ids)});
}

Result<std::vector<MessageView>> PortalService::messages(const Actor& customer, std::int64_t item_id,
                                                         std::int64_t after_id, int limit) {
  return conversations_.list_messages(customer, item_id, after_id, limit);
}

Result<nlohmann::json> PortalService::projects(const Actor& customer) {
  nlohmann::json out = nlohmann::json::array();
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto views, store::list_visible_projects(txn, Policy::visible_projects(customer), 0,
                                                                 false, std::nullopt, -1));
    for (const auto& view : views) out.push_back({{"id", view.project.id}, {"name", view.project.name}});
    return {};
  }));
  return out;
}

Status PortalService::follow(const Actor& customer, std::int64_t item_id, bool following) {
  TANDEM_TRY(require_signed_in_customer(customer));
  const TimestampMs now = clock_.now_ms();
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const bool visible, store::item_visible(txn, item_id, Policy::visible_items(customer)));
    if (!visible) return Error::make(ErrorCode::not_found, "no such item");
    const store::Party me{"customer", customer.customer_id};
    return change_followers(
        txn, customer, item_id,
        [&](std::vector<store::Party>& followers) {
          std::erase(followers, me);
          if (following) followers.push_back(me);
        },
        now);
  });
}

}  // namespace tandem::service
