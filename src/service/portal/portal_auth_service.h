// How customers sign in to the portal: password sign-in (with the internal sign-in's rate limits),
// self-registration, invitations and password resets by mailed single-use links, and portal sessions with
// their own cookie and CSRF token, apart from internal ones. Thread-safe; each method takes its own
// transactions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/auth/auth_service.h"
#include "service/auth/login_limits.h"
#include "store/customers/customer_repository.h"
#include "store/database.h"

namespace tandem::service {

struct PortalAuthSettings {
  AuthSettings sign_in;  // session lifetime and login limits: the same as the internal sign-in
  TimestampMs invitation_ttl_ms = 7LL * 24 * 3600 * 1000;  // how long an invitation link works
  TimestampMs reset_ttl_ms = 3600LL * 1000;                // how long a password-reset link works
};

/// A fresh portal session: `secret` goes into the portal cookie and nowhere else.
struct NewPortalSession {
  store::CustomerRow customer;
  std::int64_t session_id = 0;
  std::string secret;
  std::string csrf_token;
  TimestampMs expires_at = 0;
};

/// Who a portal request is, once its cookie checked out: Actor::customer with the portal settings' scope.
struct PortalIdentity {
  Actor actor;
  store::CustomerRow customer;
  std::int64_t session_id = 0;
  std::string csrf_token;
};

class PortalAuthService {
 public:
  PortalAuthService(store::Database& db, const Clock& clock, PortalAuthSettings settings = {});

  /// Checks email and password of an active customer and opens a portal session. Errors: validation_failed
  /// (empty fields), invalid_credentials (one message for every failure), rate_limited (details.retry_after).
  Result<NewPortalSession> login(std::string_view email, std::string_view password,
                                 std::string_view remote_address, std::string_view user_agent);
  /// Signs a new customer up (joining its domain's organization, its mail in `language` when given) and
  /// opens a session. Errors: forbidden (registration is off), validation_failed (email, password of
  /// 8..1024, name, language), conflict (the email has an account: sign in or reset the password).
  Result<NewPortalSession> register_customer(std::string_view email, std::string_view password,
                                             std::string_view name, std::string_view remote_address,
                                             std::string_view user_agent,
                                             const std::optional<std::string>& language = std::nullopt);
  /// Ends a portal session. Idempotent.
  Status logout(std::int64_t session_id);
  /// The customer behind a portal cookie's secret, or nullopt when unknown, expired or inactive.
  Result<std::optional<PortalIdentity>> authenticate(std::string_view secret);
  /// The visitor holding an item's secret link (Actor::customer with portal.only_item_id), or nullopt.
  Result<std::optional<Actor>> authenticate_link(std::string_view secret);

  /// Mails the customer a single-use link to set its password (a `mail.send` job with to, subject, text)
  /// and records `customer.invited`. Errors: forbidden (Action::manage_customers), not_found,
  /// validation_failed (inactive customer).
  Status invite(const Actor& actor, std::int64_t customer_id);
  /// Sets the password (and, when given, the mail language) of the invited customer and opens a session.
  /// Errors: validation_failed (token unknown, used or expired: details.field = token; password; language).
  Result<NewPortalSession> accept_invitation(std::string_view token, std::string_view password,
                                             std::string_view remote_address, std::string_view user_agent,
                                             const std::optional<std::string>& language = std::nullopt);
  /// Mails a password-reset link when an active customer has this email; says nothing either way.
  Status request_password_reset(std::string_view email);
  /// Sets a new password with a reset link's token and ends the customer's other sessions. Errors:
  /// validation_failed (token unknown, used or expired; password).
  Status reset_password(std::string_view token, std::string_view password);

 private:
  Result<NewPortalSession> open_session(const store::CustomerRow& customer, std::string_view remote_address,
                                        std::string_view user_agent, TimestampMs now);
  Result<std::int64_t> redeem(std::string_view token, std::string_view purpose, std::string_view password,
                              TimestampMs now);

  store::Database& db_;
  const Clock& clock_;
  PortalAuthSettings settings_;
  LoginLimits limits_;
};

/// The path of the portal page where a mailed token sets a password.
inline constexpr std::string_view kSetPasswordPath = "/portal/set-password?token=";

}  // namespace tandem::service
