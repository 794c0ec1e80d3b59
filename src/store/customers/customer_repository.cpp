#include "store/customers/customer_repository.h"

#include <nlohmann/json.hpp>

namespace tandem::store {

namespace {

#define TANDEM_ORGANIZATION_COLUMNS                                                                     \
  "o.id, o.name, (SELECT json_group_array(domain) FROM (SELECT domain FROM organization_domains d "     \
  "WHERE d.organization_id = o.id ORDER BY domain)), o.custom_fields, o.intake_project_id, o.version, " \
  "o.created_at, o.updated_at FROM organizations o"

#define TANDEM_CUSTOMER_COLUMNS                                                                           \
  "c.id, c.name, (SELECT json_group_array(email) FROM (SELECT email FROM customer_emails e "              \
  "WHERE e.customer_id = c.id ORDER BY position, email)), c.organization_id, c.active, c.password_hash, " \
  "c.user_id, c.version, c.created_at, c.updated_at, c.language FROM customers c"

std::vector<std::string> string_list(const std::string& json_text) {
  return nlohmann::json::parse(json_text).get<std::vector<std::string>>();
}

OrganizationRow organization_from_row(const Row& r) {
  return OrganizationRow{r.int64(0), r.text(1), string_list(r.text(2)), r.text(3), r.opt_int64(4), r.int64(5),
                         r.int64(6), r.int64(7)};
}

CustomerRow customer_from_row(const Row& r, std::size_t at = 0) {
  return CustomerRow{r.int64(at),         r.text(at + 1),       string_list(r.text(at + 2)),
                     r.opt_int64(at + 3), r.int64(at + 4) != 0, r.opt_text(at + 5),
                     r.opt_int64(at + 6), r.int64(at + 7),      r.int64(at + 8),
                     r.int64(at + 9),     r.opt_text(at + 10)};
}

Value optional_id(const std::optional<std::int64_t>& id) {
  return id ? Value(*id) : Value(nullptr);
}

// `error` with a clearer message when it is a conflict.
Error named_conflict(Error error, std::string message) {
  if (error.code == ErrorCode::conflict) error.message = std::move(message);
  return error;
}

Result<std::optional<CustomerRow>> one_customer(Txn& txn, std::string_view sql,
                                                const std::vector<Value>& params) {
  TANDEM_ASSIGN(auto row, txn.one(sql, params));
  if (!row) return std::optional<CustomerRow>();
  return std::optional(customer_from_row(*row));
}

Result<bool> deleted(Txn& txn, std::string_view sql, std::int64_t id) {
  TANDEM_TRY(txn.exec(sql, {id}));
  return txn.changes() == 1;
}

}  // namespace

Result<std::int64_t> insert_organization(Txn& txn, const OrganizationRow& o) {
  auto id = txn.insert(
      "INSERT INTO organizations(name, custom_fields, intake_project_id, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {o.name, o.custom_fields, optional_id(o.intake_project_id), o.version, o.created_at, o.updated_at});
  if (!id.ok()) return named_conflict(std::move(id).error(), "an organization with this name exists");
  return id;
}

Status update_organization(Txn& txn, const OrganizationRow& o) {
  Status status = txn.exec(
      "UPDATE organizations SET name = ?, custom_fields = ?, intake_project_id = ?, version = ?, "
      "updated_at = ? WHERE id = ?",
      {o.name, o.custom_fields, optional_id(o.intake_project_id), o.version, o.updated_at, o.id});
  if (!status.ok()) return named_conflict(std::move(status).error(), "an organization with this name exists");
  return status;
}

Result<bool> delete_organization(Txn& txn, std::int64_t id) {
  return deleted(txn, "DELETE FROM organizations WHERE id = ?", id);
}

Result<std::optional<OrganizationRow>> find_organization(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT " TANDEM_ORGANIZATION_COLUMNS " WHERE o.id = ?", {id}));
  if (!row) return std::optional<OrganizationRow>();
  return std::optional(organization_from_row(*row));
}

Result<std::vector<OrganizationRow>> list_organizations(Txn& txn, std::int64_t after_id, int limit) {
  std::vector<OrganizationRow> out;
  TANDEM_TRY(txn.exec("SELECT " TANDEM_ORGANIZATION_COLUMNS " WHERE o.id > ? ORDER BY o.id LIMIT ?",
                      {after_id, std::int64_t{limit}},
                      [&](const Row& r) { out.push_back(organization_from_row(r)); }));
  return out;
}

Status replace_organization_domains(Txn& txn, std::int64_t organization_id,
                                    const std::vector<std::string>& domains) {
  TANDEM_TRY(txn.exec("DELETE FROM organization_domains WHERE organization_id = ?", {organization_id}));
  for (const auto& domain : domains) {
    Status status = txn.exec("INSERT INTO organization_domains(domain, organization_id) VALUES (?, ?)",
                             {domain, organization_id});
    if (!status.ok())
      return named_conflict(std::move(status).error(),
                            "the domain " + domain + " belongs to another organization");
  }
  return {};
}

Result<std::optional<std::int64_t>> organization_of_domain(Txn& txn, std::string_view domain) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT organization_id FROM organization_domains WHERE domain = ?",
                                  {std::string(domain)}));
  if (!row) return std::optional<std::int64_t>();
  return std::optional(row->int64(0));
}

Result<std::int64_t> insert_customer(Txn& txn, const CustomerRow& c) {
  return txn.insert(
      "INSERT INTO customers(name, organization_id, active, password_hash, user_id, version, "
      "created_at, updated_at, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.name, optional_id(c.organization_id), std::int64_t{c.active ? 1 : 0},
       c.password_hash ? Value(*c.password_hash) : Value(nullptr), optional_id(c.user_id), c.version,
       c.created_at, c.updated_at, c.language ? Value(*c.language) : Value(nullptr)});
}

Status update_customer(Txn& txn, const CustomerRow& c) {
  return txn.exec(
      "UPDATE customers SET name = ?, organization_id = ?, active = ?, password_hash = ?, user_id = ?, "
      "version = ?, updated_at = ?, language = ? WHERE id = ?",
      {c.name, optional_id(c.organization_id), std::int64_t{c.active ? 1 : 0},
       c.password_hash ? Value(*c.password_hash) : Value(nullptr), optional_id(c.user_id), c.version,
       c.updated_at, c.language ? Value(*c.language) : Value(nullptr), c.id});
}

Result<bool> delete_customer(Txn& txn, std::int64_t id) {
  return deleted(txn, "DELETE FROM customers WHERE id = ?", id);
}

Result<std::optional<CustomerRow>> find_customer(Txn& txn, std::int64_t id) {
  return one_customer(txn, "SELECT " TANDEM_CUSTOMER_COLUMNS " WHERE c.id = ?", {id});
}

Result<std::optional<CustomerRow>> find_customer_by_email(Txn& txn, std::string_view email) {
  return one_customer(txn,
                      "SELECT " TANDEM_CUSTOMER_COLUMNS
                      " WHERE c.id = (SELECT customer_id FROM customer_emails WHERE email = ?)",
                      {std::string(email)});
}

Result<std::vector<CustomerRow>> list_customers(Txn& txn, std::int64_t after_id, int limit,
                                                std::optional<std::int64_t> organization_id) {
  std::vector<CustomerRow> out;
  TANDEM_TRY(
      txn.exec("SELECT " TANDEM_CUSTOMER_COLUMNS
               " WHERE c.id > ? AND (? IS NULL OR c.organization_id = ?) ORDER BY c.id LIMIT ?",
               {after_id, optional_id(organization_id), optional_id(organization_id), std::int64_t{limit}},
               [&](const Row& r) { out.push_back(customer_from_row(r)); }));
  return out;
}

Status replace_customer_emails(Txn& txn, std::int64_t customer_id, const std::vector<std::string>& emails) {
  TANDEM_TRY(txn.exec("DELETE FROM customer_emails WHERE customer_id = ?", {customer_id}));
  std::int64_t position = 0;
  for (const auto& email : emails) {
    Status status = txn.exec("INSERT INTO customer_emails(email, customer_id, position) VALUES (?, ?, ?)",
                             {email, customer_id, position++});
    if (!status.ok())
      return named_conflict(std::move(status).error(), "the email " + email + " belongs to another customer");
  }
  return {};
}

Result<std::int64_t> insert_portal_session(Txn& txn, std::string_view token_hash, std::int64_t customer_id,
                                           std::string_view csrf_token, TimestampMs now,
                                           TimestampMs expires_at, std::string_view remote_address,
                                           std::string_view user_agent) {
  return txn.insert(
      "INSERT INTO portal_sessions(token_hash, customer_id, csrf_token, created_at, "
      "expires_at, remote_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {std::string(token_hash), customer_id, std::string(csrf_token), now, expires_at,
       std::string(remote_address), std::string(user_agent)});
}

Result<std::optional<std::pair<PortalSessionRow, CustomerRow>>> find_portal_session(
    Txn& txn, std::string_view token_hash, TimestampMs now) {
  TANDEM_ASSIGN(auto row,
                txn.one("SELECT s.id, s.customer_id, s.csrf_token, s.expires_at, " TANDEM_CUSTOMER_COLUMNS
                        " JOIN portal_sessions s ON s.customer_id = c.id "
                        "WHERE s.token_hash = ? AND s.expires_at > ? AND c.active = 1",
                        {std::string(token_hash), now}));
  if (!row) return std::optional<std::pair<PortalSessionRow, CustomerRow>>();
  const Row& r = *row;
  return std::optional(
      std::pair{PortalSessionRow{r.int64(0), r.int64(1), r.text(2), r.int64(3)}, customer_from_row(r, 4)});
}

Status delete_portal_session(Txn& txn, std::int64_t session_id) {
  return txn.exec("DELETE FROM portal_sessions WHERE id = ?", {session_id});
}

Status delete_customer_portal_sessions(Txn& txn, std::int64_t customer_id) {
  return txn.exec("DELETE FROM portal_sessions WHERE customer_id = ?", {customer_id});
}

Status insert_customer_secret(Txn& txn, std::int64_t customer_id, std::string_view purpose,
                              std::string_view token_hash, TimestampMs now, TimestampMs expires_at) {
  return txn.exec(
      "INSERT INTO customer_secrets(customer_id, purpose, token_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {customer_id, std::string(purpose), std::string(token_hash), now, expires_at});
}

Result<std::optional<std::int64_t>> use_customer_secret(Txn& txn, std::string_view token_hash,
                                                        std::string_view purpose, TimestampMs now) {
  TANDEM_ASSIGN(auto row,
                txn.one("UPDATE customer_secrets SET used_at = ? WHERE token_hash = ? AND purpose = ? "
                        "AND used_at IS NULL AND expires_at > ? RETURNING customer_id",
                        {now, std::string(token_hash), std::string(purpose), now}));
  if (!row) return std::optional<std::int64_t>();
  return std::optional(row->int64(0));
}

Status insert_item_access_link(Txn& txn, std::string_view token_hash, std::int64_t item_id, TimestampMs now) {
  return txn.exec("INSERT INTO item_access_links(token_hash, item_id, created_at) VALUES (?, ?, ?)",
                  {std::string(token_hash), item_id, now});
}

Result<std::optional<std::pair<std::int64_t, std::int64_t>>> find_item_access_link(
    Txn& txn, std::string_view token_hash) {
  TANDEM_ASSIGN(auto row,
                txn.one("SELECT l.item_id, p.party_id FROM item_access_links l JOIN item_parties p "
                        "ON p.item_id = l.item_id AND p.role = 'requester' AND p.party_kind = 'customer' "
                        "WHERE l.token_hash = ? ORDER BY p.party_id LIMIT 1",
                        {std::string(token_hash)}));
  if (!row) return std::optional<std::pair<std::int64_t, std::int64_t>>();
  return std::optional(std::pair{row->int64(0), row->int64(1)});
}

}  // namespace tandem::store
