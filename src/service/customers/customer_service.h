// Customers (external people with one or more emails) and their organizations (with email domains and an
// intake project), bulk sharing of projects with them, conversion between customers and internal users,
// and the portal settings. Internal users manage them as their customers app level allows (Policy).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/customers/portal_settings.h"
#include "store/customers/customer_repository.h"
#include "store/database.h"
#include "store/identity/identity_repository.h"

namespace tandem::service {

struct OrganizationInput {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> domains;
  std::optional<nlohmann::json> custom_fields;                   // an object; replaces the stored one
  std::optional<std::optional<std::int64_t>> intake_project_id;  // nullopt inside: clear it
};

struct CustomerInput {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> emails;              // the first is the main one
  std::optional<std::optional<std::int64_t>> organization_id;  // nullopt inside: no organization
  std::optional<bool> active;
  std::optional<std::optional<std::string>> language;  // "en", "ru", or nullopt inside for the default
};

struct ShareRequest {
  std::vector<std::int64_t> project_ids;
  std::vector<std::int64_t> customer_ids;
  std::vector<std::int64_t> organization_ids;
};

class CustomerService {
 public:
  CustomerService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Organizations with id > after_id, at most `limit` (1..200). Errors: forbidden.
  Result<std::vector<store::OrganizationRow>> list_organizations(const Actor& actor, std::int64_t after_id,
                                                                 int limit);
  /// One organization. Errors: forbidden, not_found.
  Result<store::OrganizationRow> get_organization(const Actor& actor, std::int64_t id);
  /// Creates an organization (name required) and records `organization.created`. Errors: forbidden,
  /// validation_failed (name, domains, custom_fields, intake_project_id), conflict (name or domain taken).
  Result<store::OrganizationRow> create_organization(const Actor& actor, const OrganizationInput& input);
  /// Changes an organization and records `organization.updated`. Errors as create, and not_found.
  Result<store::OrganizationRow> update_organization(const Actor& actor, std::int64_t id,
                                                     const OrganizationInput& input);
  /// Deletes an organization (its customers stay, without one). Errors: forbidden (not full level),
  /// not_found.
  Status delete_organization(const Actor& actor, std::int64_t id);

  /// Customers with id > after_id, at most `limit` (1..200), only of `organization_id` when given.
  /// Errors: forbidden.
  Result<std::vector<store::CustomerRow>> list_customers(const Actor& actor, std::int64_t after_id, int limit,
                                                         std::optional<std::int64_t> organization_id);
  /// One customer. Errors: forbidden, not_found.
  Result<store::CustomerRow> get_customer(const Actor& actor, std::int64_t id);
  /// Creates a customer (name and at least one email required); without an organization_id it joins the
  /// organization owning its main email's domain. Records `customer.created`. Errors: forbidden,
  /// validation_failed (name, emails, organization_id), conflict (an email is taken).
  Result<store::CustomerRow> create_customer(const Actor& actor, const CustomerInput& input);
  /// Changes a customer and records `customer.updated`. Errors as create, and not_found.
  Result<store::CustomerRow> update_customer(const Actor& actor, std::int64_t id, const CustomerInput& input);
  /// Deletes a customer. Errors: forbidden (not full level), not_found.
  Status delete_customer(const Actor& actor, std::int64_t id);

  /// The customer owning `email`, or a new one named `name` (the email's local part when empty), joined
  /// to the organization of the email's domain — created from the domain when the portal settings say so
  /// and the domain is not a public mail service. Used by registration and the email channel.
  /// Errors: validation_failed (email), conflict (the email belongs to an internal user).
  Result<store::CustomerRow> customer_for_email(const Actor& actor, std::string_view email,
                                                std::string_view name);

  /// Makes every customer and organization listed a follower of every project listed, in one transaction,
  /// and records `project.follower_added` for each new one. Errors: forbidden (Action::manage_customers, or
  /// Policy::can_manage_project_people refuses a project), validation_failed (an unknown id, or a project
  /// the actor does not see; details.field names the list).
  Status share_projects(const Actor& actor, const ShareRequest& request);
  /// Stops sharing a project with one customer or organization (`party_kind` "customer" or "organization")
  /// and records `project.follower_removed`. Errors: forbidden (as share_projects), not_found (a project the
  /// actor does not see, or a party that does not follow it), validation_failed (party_kind).
  Status unshare_project(const Actor& actor, std::int64_t project_id, std::string_view party_kind,
                         std::int64_t party_id);

  /// Turns a customer into an internal user with `role` (same name and main email, no password: an admin
  /// sets one); the customer row stays, inactive, pointing at the user, so its history still names it.
  /// Errors: forbidden (Action::manage_users), not_found, validation_failed (role), conflict (already
  /// converted, or the email is a user's).
  Result<store::UserRow> convert_to_user(const Actor& actor, std::int64_t customer_id, std::string_view role);
  /// Turns an internal user into a customer (same name and email): the user is deactivated and its
  /// sessions end. Errors: forbidden (Action::manage_users), not_found, conflict (the email is a
  /// customer's, or the user is the actor).
  Result<store::CustomerRow> convert_to_customer(const Actor& actor, std::int64_t user_id);

  /// The portal settings. Errors: forbidden (Action::view_customers).
  Result<PortalSettings> portal_settings(const Actor& actor);
  /// Applies the members of `body` to the portal settings and records `settings.updated`. Errors: forbidden
  /// (Action::manage_portal_settings), validation_failed.
  Result<PortalSettings> update_portal_settings(const Actor& actor, const nlohmann::json& body);

 private:
  store::Database& db_;
  const Clock& clock_;
};

/// The customer owning `email`, or a new one, as CustomerService::customer_for_email, inside `txn`.
Result<store::CustomerRow> customer_for_email(store::Txn& txn, const Actor& actor, std::string_view email,
                                              std::string_view name, const PortalSettings& settings,
                                              TimestampMs now);
/// The intake project of the organization, created ("<organization> requests") when it has none and the
/// settings allow; nullopt when it has none. Inside `txn` (writable).
Result<std::optional<std::int64_t>> intake_project(store::Txn& txn, const Actor& actor,
                                                   std::int64_t organization_id,
                                                   const PortalSettings& settings, TimestampMs now);
/// The email normalized, or validation_failed (details.field = `field`) when it is not an address.
Result<std::string> checked_email(std::string_view email, const std::string& field);

}  // namespace tandem::service
