// Sign-in and identity: password sign-in with rate limits, browser sessions with CSRF tokens,
// personal API tokens. Thread-safe; every method takes the store's transactions itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/auth/identity_cache.h"
#include "service/auth/login_limits.h"
#include "store/database.h"
#include "store/identity/identity_repository.h"

namespace tandem::service {

struct AuthSettings {
  TimestampMs session_ttl_ms = 14LL * 24 * 3600 * 1000;   // sliding: renewed when half has passed
  int max_failed_logins = 10;                             // per account and per address ...
  TimestampMs failed_login_window_ms = 15LL * 60 * 1000;  // ... within this window
  TimestampMs identity_cache_ttl_ms = 5000;               // how long a checked credential is trusted
};

/// A fresh browser session: `secret` goes into the cookie and nowhere else.
struct NewSession {
  store::UserRow user;
  std::int64_t session_id = 0;
  std::string secret;
  std::string csrf_token;
  TimestampMs expires_at = 0;
};

/// Who a request is, once its cookie or bearer token checked out.
struct Identity {
  Actor actor;
  store::UserRow user;
  std::int64_t session_id = 0;  // 0 for API tokens
  std::string csrf_token;       // empty for API tokens
};

/// A fresh API token: `secret` is shown once and stored only as a hash.
struct NewApiToken {
  store::ApiTokenRow token;
  std::string secret;
};

class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, AuthSettings settings = {});

  /// Checks email and password and opens a session. Errors: validation_failed (empty fields),
  /// invalid_credentials (unknown email or wrong password: one message for both), rate_limited (too many
  /// failures for the account or the address; details["retry_after"] holds seconds).
  Result<NewSession> login(std::string_view email, std::string_view password, std::string_view remote_address,
                           std::string_view user_agent);
  /// Ends a session (and forgets cached credentials). Idempotent.
  Status logout(std::int64_t session_id);
  /// The identity behind a session cookie's secret, or nullopt when unknown or expired.
  Result<std::optional<Identity>> authenticate_session(std::string_view secret);
  /// The identity behind a bearer token, or nullopt when unknown or revoked.
  Result<std::optional<Identity>> authenticate_token(std::string_view secret);

  /// Creates an API token for the acting user. Errors: forbidden, validation_failed (name empty or > 100).
  Result<NewApiToken> create_token(const Actor& actor, std::string_view name);
  /// The acting user's live tokens, newest first. Errors: forbidden.
  Result<std::vector<store::ApiTokenRow>> list_tokens(const Actor& actor);
  /// Revokes one of the acting user's tokens. Errors: forbidden, not_found.
  Status revoke_token(const Actor& actor, std::int64_t token_id);
  /// Forgets every cached identity, so the next request of each user reads its role and levels again.
  void forget_identities() { identities_.clear(); }

 private:
  Result<std::optional<Identity>> lookup_session(const std::string& secret_hash, TimestampMs now);
  Result<std::optional<Identity>> lookup_token(const std::string& secret_hash, TimestampMs now);

  store::Database& db_;
  const Clock& clock_;
  AuthSettings settings_;
  LoginLimits limits_;
  IdentityCache<Identity> identities_;  // by secret hash; sessions and tokens alike
};

/// Lower-cases and trims an email address for storage and lookup.
std::string normalize_email(std::string_view email);
/// True when a normalized email looks like an address: one '@' with text on both sides, no spaces.
bool plausible_email(std::string_view email);

}  // namespace tandem::service
