#include "service/customers/customer_service.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/policy.h"
#include "service/auth/auth_service.h"
#include "service/auth/secrets.h"
#include "service/email/email_settings.h"
#include "service/hierarchy/project_access.h"
#include "store/event_log.h"
#include "store/hierarchy/project_repository.h"
#include "store/items/item_repository.h"

namespace tandem::service {

namespace {

// Mail services whose users are not one organization: their domains never create one.
constexpr std::array<std::string_view, 14> kPublicMailDomains = {
    "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com",
    "proton.me", "protonmail.com", "aol.com",   "gmx.de",      "gmx.net",     "mail.ru",  "yandex.ru"};

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

Status require(const Actor& actor, Action action, std::string_view what) {
  if (!Policy::can(actor, action))
    return Error::make(ErrorCode::forbidden, "you may not " + std::string(what));
  return {};
}

Status record(store::Txn& txn, const Actor& actor, TimestampMs now, std::string_view type, std::int64_t id,
              std::string_view kind, const nlohmann::json& payload) {
  return status_of(store::append_event(txn, actor, now, type, id, kind, payload.dump()));
}

std::string domain_of(std::string_view email) {
  return std::string(email.substr(email.find('@') + 1));
}

Result<std::string> checked_name(const std::string& name) {
  const auto first = name.find_first_not_of(' ');
  if (first == std::string::npos || name.size() > 200)
    return invalid("name", "name must have 1 to 200 characters");
  return name.substr(first, name.find_last_not_of(' ') - first + 1);
}

Result<std::vector<std::string>> checked_domains(const std::vector<std::string>& domains) {
  std::vector<std::string> out;
  for (const auto& given : domains) {
    std::string domain = normalize_email(given);
    const bool valid = !domain.empty() && domain.size() <= 253 && domain.find('.') != std::string::npos &&
                       domain.front() != '.' && domain.back() != '.' &&
                       std::all_of(domain.begin(), domain.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
                       });
    if (!valid) return invalid("domains", "\"" + given + "\" is not a domain like example.com");
    if (std::find(out.begin(), out.end(), domain) == out.end()) out.push_back(std::move(domain));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::vector<std::string>> checked_emails(const std::vector<std::string>& emails) {
  if (emails.empty() || emails.size() > 20) return invalid("emails", "a customer has 1 to 20 emails");
  std::vector<std::string> out;
  for (const auto& given : emails) {
    TANDEM_ASSIGN(std::string email, checked_email(given, "emails"));
    if (std::find(out.begin(), out.end(), email) == out.end()) out.push_back(std::move(email));
  }
  return out;
}

Status check_exists(store::Txn& txn, std::string_view table, std::int64_t id, const std::string& field) {
  TANDEM_ASSIGN(const bool exists, store::row_exists(txn, table, id));
  if (!exists) return invalid(field, "there is no " + field + " " + std::to_string(id));
  return {};
}

// A project `actor` may share: one it sees (else it is unknown, as in check_exists) and whose people it
// manages.
Status check_shareable(store::Txn& txn, const Actor& actor, std::int64_t project_id) {
  const auto project = people_project(txn, actor, project_id);
  if (project) return {};
  if (project.error().code == ErrorCode::not_found)
    return invalid("project_ids", "there is no project_ids " + std::to_string(project_id));
  return project.error();
}

Result<store::OrganizationRow> require_organization(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto found, store::find_organization(txn, id));
  if (!found) return Error::make(ErrorCode::not_found, "no such organization");
  return std::move(*found);
}

Result<store::CustomerRow> require_customer(store::Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto found, store::find_customer(txn, id));
  if (!found) return Error::make(ErrorCode::not_found, "no such customer");
  return std::move(*found);
}

// Applies `input` to `org` and stores it with its domains (a new row when org.id is 0).
Status save_organization(store::Txn& txn, const OrganizationInput& input, store::OrganizationRow& org) {
  if (input.name) {
    TANDEM_ASSIGN(org.name, checked_name(*input.name));
  }
  if (org.name.empty()) return invalid("name", "name is required");
  if (input.custom_fields) {
    if (!input.custom_fields->is_object()) return invalid("custom_fields", "custom_fields must be an object");
    org.custom_fields = input.custom_fields->dump();
  }
  if (input.intake_project_id) {
    if (*input.intake_project_id)
      TANDEM_TRY(check_exists(txn, "projects", **input.intake_project_id, "intake_project_id"));
    org.intake_project_id = *input.intake_project_id;
  }
  if (org.id == 0) {
    TANDEM_ASSIGN(org.id, store::insert_organization(txn, org));
  } else {
    TANDEM_TRY(store::update_organization(txn, org));
  }
  if (input.domains) {
    TANDEM_ASSIGN(org.domains, checked_domains(*input.domains));
    TANDEM_TRY(store::replace_organization_domains(txn, org.id, org.domains));
  }
  return {};
}

// Applies `input` to `customer` and stores it with its emails (a new row when customer.id is 0). Without an
// organization, the customer joins the one owning its main email's domain.
Status save_customer(store::Txn& txn, const CustomerInput& input, store::CustomerRow& customer) {
  if (input.name) {
    TANDEM_ASSIGN(customer.name, checked_name(*input.name));
  }
  if (customer.name.empty()) return invalid("name", "name is required");
  if (input.emails) {
    TANDEM_ASSIGN(customer.emails, checked_emails(*input.emails));
  }
  if (customer.emails.empty()) return invalid("emails", "a customer needs at least one email");
  if (input.active) customer.active = *input.active;
  if (input.language) {
    if (*input.language && !is_mail_language(**input.language))
      return invalid("language", "language must be en, ru or null");
    customer.language = *input.language;
  }
  if (input.organization_id) {
    if (*input.organization_id)
      TANDEM_TRY(check_exists(txn, "organizations", **input.organization_id, "organization_id"));
    customer.organization_id = *input.organization_id;
  } else if (!customer.organization_id) {
    TANDEM_ASSIGN(customer.organization_id,
                  store::organization_of_domain(txn, domain_of(customer.emails.front())));
  }
  if (customer.id == 0) {
    TANDEM_ASSIGN(customer.id, store::insert_customer(txn, customer));
  } else {
    TANDEM_TRY(store::update_customer(txn, customer));
  }
  if (input.emails) TANDEM_TRY(store::replace_customer_emails(txn, customer.id, customer.emails));
  return {};
}

nlohmann::json customer_payload(const store::CustomerRow& c) {
  return {{"name", c.name},
          {"emails", c.emails},
          {"organization_id", c.organization_id ? nlohmann::json(*c.organization_id) : nullptr},
          {"active", c.active},
          {"language", c.language ? nlohmann::json(*c.language) : nullptr}};
}

nlohmann::json organization_payload(const store::OrganizationRow& o) {
  return {{"name", o.name}, {"domains", o.domains}};
}

}  // namespace

Result<std::string> checked_email(std::string_view email, const std::string& field) {
  std::string normalized = normalize_email(email);
  if (!plausible_email(normalized))
    return invalid(field, "an email must be an address like name@example.com");
  return normalized;
}

Result<store::CustomerRow> customer_for_email(store::Txn& txn, const Actor& actor, std::string_view email_in,
                                              std::string_view name, const PortalSettings& settings,
                                              TimestampMs now) {
  TANDEM_ASSIGN(const std::string email, checked_email(email_in, "email"));
  TANDEM_ASSIGN(auto existing, store::find_customer_by_email(txn, email));
  if (existing) return std::move(*existing);
  TANDEM_ASSIGN(const auto user, store::find_user_by_email(txn, email));
  if (user) return Error::make(ErrorCode::conflict, "this email belongs to a member of staff");
  const std::string domain = domain_of(email);
  TANDEM_ASSIGN(auto organization_id, store::organization_of_domain(txn, domain));
  const bool public_domain =
      std::find(kPublicMailDomains.begin(), kPublicMailDomains.end(), domain) != kPublicMailDomains.end();
  if (!organization_id && settings.auto_create_organizations && !public_domain) {
    store::OrganizationRow org;
    org.created_at = org.updated_at = now;
    OrganizationInput input{domain, std::vector<std::string>{domain}, std::nullopt, std::nullopt};
    TANDEM_TRY(save_organization(txn, input, org));
    TANDEM_TRY(
        record(txn, actor, now, "organization", org.id, "organization.created", organization_payload(org)));
    organization_id = org.id;
  }
  store::CustomerRow customer;
  customer.created_at = customer.updated_at = now;
  const std::string local_part = email.substr(0, email.find('@'));
  CustomerInput input{name.empty() ? local_part : std::string(name), std::vector<std::string>{email},
                      std::optional<std::optional<std::int64_t>>(organization_id), std::nullopt,
                      std::nullopt};
  TANDEM_TRY(save_customer(txn, input, customer));
  TANDEM_TRY(
      record(txn, actor, now, "customer", customer.id, "customer.created", customer_payload(customer)));
  return customer;
}

Result<std::optional<std::int64_t>> intake_project(store::Txn& txn, const Actor& actor,
                                                   std::int64_t organization_id,
                                                   const PortalSettings& settings, TimestampMs now) {
  TANDEM_ASSIGN(auto org, require_organization(txn, organization_id));
  if (org.intake_project_id || !settings.auto_create_intake_projects) return org.intake_project_id;
  store::ProjectRow project;
  project.name = org.name + " requests";
  project.description = "Requests from " + org.name;
  TANDEM_ASSIGN(project.position, store::next_project_position(txn));
  project.created_at = project.updated_at = now;
  TANDEM_ASSIGN(project.id, store::insert_project(txn, project));
  TANDEM_TRY(record(txn, actor, now, "project", project.id, "project.created",
                    {{"name", project.name}, {"intake_for_organization_id", org.id}}));
  org.intake_project_id = project.id;
  org.version += 1;
  org.updated_at = now;
  TANDEM_TRY(store::update_organization(txn, org));
  return org.intake_project_id;
}

Result<std::vector<store::OrganizationRow>> CustomerService::list_organizations(const Actor& actor,
                                                                                std::int64_t after_id,
                                                                                int limit) {
  TANDEM_TRY(require(actor, Action::view_customers, "see organizations"));
  std::vector<store::OrganizationRow> out;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(out, store::list_organizations(txn, after_id, std::clamp(limit, 1, 200)));
    return {};
  }));
  return out;
}

Result<store::OrganizationRow> CustomerService::get_organization(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require(actor, Action::view_customers, "see organizations"));
  std::optional<store::OrganizationRow> out;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(out, require_organization(txn, id));
    return {};
  }));
  return std::move(*out);
}

Result<store::OrganizationRow> CustomerService::create_organization(const Actor& actor,
                                                                    const OrganizationInput& input) {
  TANDEM_TRY(require(actor, Action::manage_customers, "add organizations"));
  store::OrganizationRow org;
  org.created_at = org.updated_at = clock_.now_ms();
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(save_organization(txn, input, org));
    return record(txn, actor, org.created_at, "organization", org.id, "organization.created",
                  organization_payload(org));
  }));
  return org;
}

Result<store::OrganizationRow> CustomerService::update_organization(const Actor& actor, std::int64_t id,
                                                                    const OrganizationInput& input) {
  TANDEM_TRY(require(actor, Action::manage_customers, "change organizations"));
  std::optional<store::OrganizationRow> org;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(org, require_organization(txn, id));
    org->version += 1;
    org->updated_at = clock_.now_ms();
    TANDEM_TRY(save_organization(txn, input, *org));
    return record(txn, actor, org->updated_at, "organization", id, "organization.updated",
                  organization_payload(*org));
  }));
  return std::move(*org);
}

Status CustomerService::delete_organization(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require(actor, Action::delete_customers, "delete organizations"));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const bool deleted, store::delete_organization(txn, id));
    if (!deleted) return Error::make(ErrorCode::not_found, "no such organization");
    return record(txn, actor, clock_.now_ms(), "organization", id, "organization.deleted",
                  nlohmann::json::object());
  });
}

Result<std::vector<store::CustomerRow>> CustomerService::list_customers(
    const Actor& actor, std::int64_t after_id, int limit, std::optional<std::int64_t> organization_id) {
  TANDEM_TRY(require(actor, Action::view_customers, "see customers"));
  std::vector<store::CustomerRow> out;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(out, store::list_customers(txn, after_id, std::clamp(limit, 1, 200), organization_id));
    return {};
  }));
  return out;
}

Result<store::CustomerRow> CustomerService::get_customer(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require(actor, Action::view_customers, "see customers"));
  std::optional<store::CustomerRow> out;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(out, require_customer(txn, id));
    return {};
  }));
  return std::move(*out);
}

Result<store::CustomerRow> CustomerService::create_customer(const Actor& actor, const CustomerInput& input) {
  TANDEM_TRY(require(actor, Action::manage_customers, "add customers"));
  if (!input.emails) return invalid("emails", "a customer needs at least one email");
  store::CustomerRow customer;
  customer.created_at = customer.updated_at = clock_.now_ms();
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(save_customer(txn, input, customer));
    return record(txn, actor, customer.created_at, "customer", customer.id, "customer.created",
                  customer_payload(customer));
  }));
  return customer;
}

Result<store::CustomerRow> CustomerService::update_customer(const Actor& actor, std::int64_t id,
                                                            const CustomerInput& input) {
  TANDEM_TRY(require(actor, Action::manage_customers, "change customers"));
  std::optional<store::CustomerRow> customer;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(customer, require_customer(txn, id));
    customer->version += 1;
    customer->updated_at = clock_.now_ms();
    TANDEM_TRY(save_customer(txn, input, *customer));
    if (!customer->active) TANDEM_TRY(store::delete_customer_portal_sessions(txn, id));
    return record(txn, actor, customer->updated_at, "customer", id, "customer.updated",
                  customer_payload(*customer));
  }));
  return std::move(*customer);
}

Status CustomerService::delete_customer(const Actor& actor, std::int64_t id) {
  TANDEM_TRY(require(actor, Action::delete_customers, "delete customers"));
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const bool deleted, store::delete_customer(txn, id));
    if (!deleted) return Error::make(ErrorCode::not_found, "no such customer");
    return record(txn, actor, clock_.now_ms(), "customer", id, "customer.deleted", nlohmann::json::object());
  });
}

Result<store::CustomerRow> CustomerService::customer_for_email(const Actor& actor, std::string_view email,
                                                               std::string_view name) {
  std::optional<store::CustomerRow> customer;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto settings, load_portal_settings(txn));
    TANDEM_ASSIGN(customer, service::customer_for_email(txn, actor, email, name, settings, clock_.now_ms()));
    return {};
  }));
  return std::move(*customer);
}

Status CustomerService::share_projects(const Actor& actor, const ShareRequest& request) {
  TANDEM_TRY(require(actor, Action::manage_customers, "share projects"));
  if (request.project_ids.empty()) return invalid("project_ids", "name at least one project");
  if (request.customer_ids.empty() && request.organization_ids.empty())
    return invalid("customer_ids", "name at least one customer or organization");
  const TimestampMs now = clock_.now_ms();
  return db_.write([&](store::Txn& txn) -> Status {
    for (const auto id : request.project_ids) TANDEM_TRY(check_shareable(txn, actor, id));
    for (const auto id : request.customer_ids) TANDEM_TRY(check_exists(txn, "customers", id, "customer_ids"));
    for (const auto id : request.organization_ids)
      TANDEM_TRY(check_exists(txn, "organizations", id, "organization_ids"));
    for (const auto project_id : request.project_ids) {
      for (const auto& [kind, ids] : {std::pair{"customer", &request.customer_ids},
                                      std::pair{"organization", &request.organization_ids}}) {
        for (const auto party_id : *ids) {
          TANDEM_ASSIGN(const bool added, store::insert_project_follower(txn, project_id, kind, party_id));
          if (added)
            TANDEM_TRY(record(txn, actor, now, "project", project_id, "project.follower_added",
                              {{"party_kind", kind}, {"party_id", party_id}}));
        }
      }
    }
    return {};
  });
}

Status CustomerService::unshare_project(const Actor& actor, std::int64_t project_id,
                                        std::string_view party_kind, std::int64_t party_id) {
  TANDEM_TRY(require(actor, Action::manage_customers, "stop sharing projects"));
  if (party_kind != "customer" && party_kind != "organization")
    return invalid("kind", "kind must be customer or organization");
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(status_of(people_project(txn, actor, project_id)));
    TANDEM_ASSIGN(const bool removed, store::delete_project_follower(txn, project_id, party_kind, party_id));
    if (!removed)
      return Error::make(ErrorCode::not_found,
                         "the project is not shared with this " + std::string(party_kind));
    return record(txn, actor, clock_.now_ms(), "project", project_id, "project.follower_removed",
                  {{"party_kind", std::string(party_kind)}, {"party_id", party_id}});
  });
}

Result<store::UserRow> CustomerService::convert_to_user(const Actor& actor, std::int64_t customer_id,
                                                        std::string_view role_name) {
  TANDEM_TRY(require(actor, Action::manage_users, "turn customers into users"));
  const auto role = parse_role(role_name);
  if (!role) return invalid("role", "role must be admin, manager or agent");
  store::UserRow user;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto customer, require_customer(txn, customer_id));
    if (customer.user_id) return Error::make(ErrorCode::conflict, "this customer is a user already");
    const TimestampMs now = clock_.now_ms();
    TANDEM_ASSIGN(user.password_hash, hash_password(random_token()));
    user.email = customer.emails.front();
    user.name = customer.name;
    user.role = *role;
    user.active = true;
    user.language = customer.language;
    user.created_at = user.updated_at = now;
    TANDEM_ASSIGN(user.id, store::insert_user(txn, user));
    customer.user_id = user.id;
    customer.active = false;
    customer.version += 1;
    customer.updated_at = now;
    TANDEM_TRY(store::update_customer(txn, customer));
    TANDEM_TRY(store::delete_customer_portal_sessions(txn, customer.id));
    TANDEM_TRY(record(txn, actor, now, "user", user.id, "user.created",
                      {{"email", user.email},
                       {"name", user.name},
                       {"role", to_string(user.role)},
                       {"from_customer_id", customer.id}}));
    return record(txn, actor, now, "customer", customer.id, "customer.converted_to_user",
                  {{"user_id", user.id}});
  }));
  return user;
}

Result<store::CustomerRow> CustomerService::convert_to_customer(const Actor& actor, std::int64_t user_id) {
  TANDEM_TRY(require(actor, Action::manage_users, "turn users into customers"));
  if (actor.is_user() && actor.user_id == user_id)
    return Error::make(ErrorCode::conflict, "you cannot turn yourself into a customer");
  store::CustomerRow customer;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto user, store::find_user(txn, user_id));
    if (!user) return Error::make(ErrorCode::not_found, "no such user");
    const TimestampMs now = clock_.now_ms();
    customer.created_at = customer.updated_at = now;
    customer.user_id = user_id;
    CustomerInput input{user->name, std::vector<std::string>{user->email}, std::nullopt, true,
                        std::optional(user->language)};
    TANDEM_TRY(save_customer(txn, input, customer));
    TANDEM_TRY(store::deactivate_user(txn, user_id, now));
    TANDEM_TRY(record(txn, actor, now, "customer", customer.id, "customer.created",
                      {{"name", customer.name}, {"emails", customer.emails}, {"from_user_id", user_id}}));
    return record(txn, actor, now, "user", user_id, "user.converted_to_customer",
                  {{"customer_id", customer.id}});
  }));
  return customer;
}

Result<PortalSettings> CustomerService::portal_settings(const Actor& actor) {
  TANDEM_TRY(require(actor, Action::view_customers, "see the portal settings"));
  PortalSettings settings;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(settings, load_portal_settings(txn));
    return {};
  }));
  return settings;
}

Result<PortalSettings> CustomerService::update_portal_settings(const Actor& actor,
                                                               const nlohmann::json& body) {
  TANDEM_TRY(require(actor, Action::manage_portal_settings, "change the portal settings"));
  PortalSettings settings;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto current, load_portal_settings(txn));
    TANDEM_ASSIGN(settings, apply_portal_settings(current, body));
    if (settings.default_project_id)
      TANDEM_TRY(check_exists(txn, "projects", *settings.default_project_id, "default_project_id"));
    const TimestampMs now = clock_.now_ms();
    TANDEM_TRY(store_portal_settings(txn, settings, now));
    return record(txn, actor, now, "settings", 0, "settings.updated", {{"key", "portal"}, {"changes", body}});
  }));
  return settings;
}

}  // namespace tandem::service
