// Rows of customers (external people, with one or more emails) and their organizations (with email
// domains), plus what the portal keeps for them: sessions, single-use secrets and items' secret links.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct OrganizationRow {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> domains;  // lower-case, by name
  std::string custom_fields = "{}";  // JSON object text
  std::optional<std::int64_t> intake_project_id;
  std::int64_t version = 1;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

struct CustomerRow {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> emails;  // lower-case, the first is the main one
  std::optional<std::int64_t> organization_id;
  bool active = true;
  std::optional<std::string> password_hash;  // nullopt until the customer sets a password
  std::optional<std::int64_t> user_id;       // the internal user it was converted to
  std::int64_t version = 1;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  std::optional<std::string> language{};  // of its mail: "en" or "ru"; nullopt: the email settings' default
};

/// Inserts an organization (without its domains) and returns its id. Errors: conflict (name taken).
Result<std::int64_t> insert_organization(Txn& txn, const OrganizationRow& organization);
/// Writes every column of the organization but id and created_at. Errors: conflict (name taken).
Status update_organization(Txn& txn, const OrganizationRow& organization);
/// Deletes an organization; its customers keep existing without one. False when there was none.
Result<bool> delete_organization(Txn& txn, std::int64_t id);
/// The organization `id` with its domains, or nullopt.
Result<std::optional<OrganizationRow>> find_organization(Txn& txn, std::int64_t id);
/// Organizations with id > after_id in id order, at most `limit`.
Result<std::vector<OrganizationRow>> list_organizations(Txn& txn, std::int64_t after_id, int limit);
/// Replaces the organization's domains. Errors: conflict (a domain belongs to another organization).
Status replace_organization_domains(Txn& txn, std::int64_t organization_id,
                                    const std::vector<std::string>& domains);
/// The id of the organization owning `domain`, or nullopt.
Result<std::optional<std::int64_t>> organization_of_domain(Txn& txn, std::string_view domain);

/// Inserts a customer (without its emails) and returns its id.
Result<std::int64_t> insert_customer(Txn& txn, const CustomerRow& customer);
/// Writes every column of the customer but id and created_at.
Status update_customer(Txn& txn, const CustomerRow& customer);
/// Deletes a customer. False when there was none.
Result<bool> delete_customer(Txn& txn, std::int64_t id);
/// The customer `id` with its emails, or nullopt.
Result<std::optional<CustomerRow>> find_customer(Txn& txn, std::int64_t id);
/// The customer owning `email` (normalized), or nullopt.
Result<std::optional<CustomerRow>> find_customer_by_email(Txn& txn, std::string_view email);
/// Customers with id > after_id in id order, at most `limit`; only those of `organization_id` when given.
Result<std::vector<CustomerRow>> list_customers(Txn& txn, std::int64_t after_id, int limit,
                                                std::optional<std::int64_t> organization_id);
/// Replaces the customer's emails (first = main). Errors: conflict (an email belongs to another customer).
Status replace_customer_emails(Txn& txn, std::int64_t customer_id, const std::vector<std::string>& emails);

struct PortalSessionRow {
  std::int64_t id = 0;
  std::int64_t customer_id = 0;
  std::string csrf_token;
  TimestampMs expires_at = 0;
};

/// Inserts a portal session and returns its id.
Result<std::int64_t> insert_portal_session(Txn& txn, std::string_view token_hash, std::int64_t customer_id,
                                           std::string_view csrf_token, TimestampMs now,
                                           TimestampMs expires_at, std::string_view remote_address,
                                           std::string_view user_agent);
/// The live session with this token hash of an active customer, with the customer; or nullopt.
Result<std::optional<std::pair<PortalSessionRow, CustomerRow>>> find_portal_session(
    Txn& txn, std::string_view token_hash, TimestampMs now);
/// Ends one portal session.
Status delete_portal_session(Txn& txn, std::int64_t session_id);
/// Ends every portal session of a customer (after a password change).
Status delete_customer_portal_sessions(Txn& txn, std::int64_t customer_id);

/// Stores a single-use secret ("invitation" or "password_reset") by its hash.
Status insert_customer_secret(Txn& txn, std::int64_t customer_id, std::string_view purpose,
                              std::string_view token_hash, TimestampMs now, TimestampMs expires_at);
/// Marks the unused, unexpired secret with this hash and purpose used and returns its customer; nullopt
/// when there is none.
Result<std::optional<std::int64_t>> use_customer_secret(Txn& txn, std::string_view token_hash,
                                                        std::string_view purpose, TimestampMs now);

/// Stores an item's secret link by its hash.
Status insert_item_access_link(Txn& txn, std::string_view token_hash, std::int64_t item_id, TimestampMs now);
/// The item a secret link opens and the customer who requested it, or nullopt.
Result<std::optional<std::pair<std::int64_t, std::int64_t>>> find_item_access_link(
    Txn& txn, std::string_view token_hash);

}  // namespace tandem::store
