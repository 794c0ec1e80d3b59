#include "service/portal/portal_auth_service.h"

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/auth/auth_service.h"
#include "service/auth/secrets.h"
#include "service/customers/customer_service.h"
#include "service/customers/portal_settings.h"
#include "service/email/email_settings.h"
#include "store/event_log.h"
#include "store/job_queue.h"

namespace tandem::service {

namespace {

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

Status check_password(std::string_view password) {
  if (password.size() < 8 || password.size() > 1024)
    return invalid("password", "password must have 8 to 1024 characters");
  return {};
}

Actor customer_actor(const store::CustomerRow& customer, const PortalSettings& settings) {
  return Actor::customer(customer.id, customer.organization_id.value_or(0), customer.name,
                         settings.visibility);
}

Status check_language(const std::optional<std::string>& language) {
  if (language && !is_mail_language(*language)) return invalid("language", "language must be en or ru");
  return {};
}

// Stores a fresh single-use secret for the customer and queues the mail carrying its link.
Status mail_secret(store::Txn& txn, const store::CustomerRow& customer, std::string_view purpose,
                   TimestampMs now, TimestampMs ttl_ms) {
  const std::string token = random_token();
  TANDEM_TRY(store::insert_customer_secret(txn, customer.id, purpose, hash_secret(token), now, now + ttl_ms));
  const std::string link = std::string(kSetPasswordPath) + token;
  const bool invitation = purpose == "invitation";
  const std::string text =
      "Hello " + customer.name + ",\n\n" +
      (invitation ? "You are invited to our support portal. Choose your password here:\n"
                  : "Someone asked to reset your support portal password. Choose a new one here:\n") +
      link + "\n\nThe link works once, for " + std::to_string(ttl_ms / 3'600'000) + " hours." +
      (invitation ? "" : " If you did not ask for this, ignore this message.") + "\n";
  const nlohmann::json payload = {
      {"to", customer.emails.front()},
      {"subject", invitation ? "Your support portal invitation" : "Reset your support portal password"},
      {"text", text},
      {"link", link},
      {"template", invitation ? "customer_invitation" : "password_reset"},
      {"name", customer.name},
      {"hours", ttl_ms / 3'600'000},
      {"language", customer.language ? nlohmann::json(*customer.language) : nlohmann::json()}};
  store::NewJob job;
  job.kind = "mail.send";
  job.payload = payload.dump();
  job.run_at = now;
  return status_of(store::enqueue_job(txn, job, now));
}

}  // namespace

PortalAuthService::PortalAuthService(store::Database& db, const Clock& clock, PortalAuthSettings settings)
    : db_(db),
      clock_(clock),
      settings_(settings),
      limits_(settings.sign_in.max_failed_logins, settings.sign_in.failed_login_window_ms) {}

Result<NewPortalSession> PortalAuthService::open_session(const store::CustomerRow& customer,
                                                         std::string_view remote_address,
                                                         std::string_view user_agent, TimestampMs now) {
  NewPortalSession session{customer, 0, random_token(), random_token(24),
                           now + settings_.sign_in.session_ttl_ms};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(
        session.session_id,
        store::insert_portal_session(txn, hash_secret(session.secret), customer.id, session.csrf_token, now,
                                     session.expires_at, remote_address, user_agent.substr(0, 512)));
    return {};
  }));
  return session;
}

Result<NewPortalSession> PortalAuthService::login(std::string_view email_in, std::string_view password,
                                                  std::string_view remote_address,
                                                  std::string_view user_agent) {
  const std::string email = normalize_email(email_in);
  if (email.empty() || password.empty())
    return Error::make(ErrorCode::validation_failed, "email and password are required");
  const TimestampMs now = clock_.now_ms();
  const auto keys = LoginLimits::keys("customer", email, remote_address);
  std::optional<store::CustomerRow> customer;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(limits_.check(txn, keys, now));
    TANDEM_ASSIGN(customer, store::find_customer_by_email(txn, email));
    return {};
  }));
  const bool has_password = customer && customer->password_hash;
  const bool password_ok =
      verify_password(has_password ? *customer->password_hash : dummy_password_hash(), password);
  if (!has_password || !customer->active || !password_ok) {
    TANDEM_TRY(limits_.record_failure(db_, keys, now));
    return Error::make(ErrorCode::invalid_credentials, "wrong email or password");
  }
  TANDEM_TRY(db_.write([&](store::Txn& txn) { return limits_.clear(txn, keys, now); }));
  return open_session(*customer, remote_address, user_agent, now);
}

Result<NewPortalSession> PortalAuthService::register_customer(
    std::string_view email, std::string_view password, std::string_view name, std::string_view remote_address,
    std::string_view user_agent, const std::optional<std::string>& language) {
  TANDEM_TRY(check_password(password));
  TANDEM_TRY(check_language(language));
  if (name.size() > 200) return invalid("name", "name must have at most 200 characters");
  TANDEM_ASSIGN(const std::string hash, hash_password(password));
  const TimestampMs now = clock_.now_ms();
  std::optional<store::CustomerRow> customer;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto settings, load_portal_settings(txn));
    if (!settings.allow_registration) return Error::make(ErrorCode::forbidden, "registration is closed");
    TANDEM_ASSIGN(customer, customer_for_email(txn, Actor::system(), email, name, settings, now));
    if (customer->password_hash || !customer->active)
      return Error::make(ErrorCode::conflict, "this email has an account: sign in or reset the password");
    customer->password_hash = hash;
    if (language) customer->language = language;
    customer->version += 1;
    customer->updated_at = now;
    TANDEM_TRY(store::update_customer(txn, *customer));
    return status_of(store::append_event(txn, customer_actor(*customer, settings), now, "customer",
                                         customer->id, "customer.registered", "{}"));
  }));
  return open_session(*customer, remote_address, user_agent, now);
}

Status PortalAuthService::logout(std::int64_t session_id) {
  return db_.write([&](store::Txn& txn) { return store::delete_portal_session(txn, session_id); });
}

Result<std::optional<PortalIdentity>> PortalAuthService::authenticate(std::string_view secret) {
  std::optional<PortalIdentity> identity;
  if (secret.empty()) return identity;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto found, store::find_portal_session(txn, hash_secret(secret), clock_.now_ms()));
    if (!found) return {};
    TANDEM_ASSIGN(const auto settings, load_portal_settings(txn));
    auto& [session, customer] = *found;
    identity = PortalIdentity{customer_actor(customer, settings), customer, session.id, session.csrf_token};
    return {};
  }));
  return identity;
}

Result<std::optional<Actor>> PortalAuthService::authenticate_link(std::string_view secret) {
  std::optional<Actor> visitor;
  if (secret.empty()) return visitor;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto link, store::find_item_access_link(txn, hash_secret(secret)));
    if (!link) return {};
    TANDEM_ASSIGN(const auto customer, store::find_customer(txn, link->second));
    if (!customer || !customer->active) return {};
    PortalScope scope;
    scope.only_item_id = link->first;
    scope.unpublished = true;
    visitor = Actor::customer(customer->id, customer->organization_id.value_or(0), customer->name, scope);
    return {};
  }));
  return visitor;
}

Status PortalAuthService::invite(const Actor& actor, std::int64_t customer_id) {
  if (!Policy::can(actor, Action::manage_customers))
    return Error::make(ErrorCode::forbidden, "you may not invite customers");
  const TimestampMs now = clock_.now_ms();
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto customer, store::find_customer(txn, customer_id));
    if (!customer) return Error::make(ErrorCode::not_found, "no such customer");
    if (!customer->active) return invalid("customer", "an inactive customer cannot be invited");
    TANDEM_TRY(mail_secret(txn, *customer, "invitation", now, settings_.invitation_ttl_ms));
    return status_of(store::append_event(txn, actor, now, "customer", customer_id, "customer.invited",
                                         nlohmann::json{{"email", customer->emails.front()}}.dump()));
  });
}

Result<std::int64_t> PortalAuthService::redeem(std::string_view token, std::string_view purpose,
                                               std::string_view password, TimestampMs now) {
  TANDEM_TRY(check_password(password));
  TANDEM_ASSIGN(const std::string hash, hash_password(password));
  std::int64_t customer_id = 0;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto owner, store::use_customer_secret(txn, hash_secret(token), purpose, now));
    if (!owner) return invalid("token", "this link is unknown, used or expired: ask for a new one");
    TANDEM_ASSIGN(auto customer, store::find_customer(txn, *owner));
    if (!customer || !customer->active) return invalid("token", "this account is closed");
    customer->password_hash = hash;
    customer->version += 1;
    customer->updated_at = now;
    TANDEM_TRY(store::update_customer(txn, *customer));
    TANDEM_TRY(store::delete_customer_portal_sessions(txn, customer->id));
    customer_id = customer->id;
    return status_of(store::append_event(txn, Actor::system(), now, "customer", customer_id,
                                         "customer.password_set", nlohmann::json{{"by", purpose}}.dump()));
  }));
  return customer_id;
}

Result<NewPortalSession> PortalAuthService::accept_invitation(std::string_view token,
                                                              std::string_view password,
                                                              std::string_view remote_address,
                                                              std::string_view user_agent,
                                                              const std::optional<std::string>& language) {
  TANDEM_TRY(check_language(language));
  const TimestampMs now = clock_.now_ms();
  TANDEM_ASSIGN(const std::int64_t customer_id, redeem(token, "invitation", password, now));
  std::optional<store::CustomerRow> customer;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(customer, store::find_customer(txn, customer_id));
    if (!customer || !language || customer->language == language) return {};
    customer->language = language;
    customer->version += 1;
    customer->updated_at = now;
    return store::update_customer(txn, *customer);
  }));
  return open_session(*customer, remote_address, user_agent, now);
}

Status PortalAuthService::request_password_reset(std::string_view email_in) {
  const std::string email = normalize_email(email_in);
  if (!plausible_email(email)) return {};
  const TimestampMs now = clock_.now_ms();
  return db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto customer, store::find_customer_by_email(txn, email));
    if (!customer || !customer->active) return {};
    return mail_secret(txn, *customer, "password_reset", now, settings_.reset_ttl_ms);
  });
}

Status PortalAuthService::reset_password(std::string_view token, std::string_view password) {
  return status_of(redeem(token, "password_reset", password, clock_.now_ms()));
}

}  // namespace tandem::service
