#include "service/auth/auth_service.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/auth/secrets.h"
#include "store/event_log.h"

namespace tandem::service {

namespace {

constexpr std::string_view kTokenPrefix = "tdm_";
// A token's last use is recorded at most this often, so authenticating stays a read.
constexpr TimestampMs kTokenUseResolutionMs = 60'000;

Actor actor_of(const store::UserRow& user) {
  Actor actor = Actor::user(user.id, user.role, user.name);
  actor.app_levels = user.app_levels;
  return actor;
}

// API tokens belong to signed-in users, each managing only their own.
Status require_token_owner(const Actor& actor) {
  if (!Policy::can(actor, Action::manage_own_tokens) || !actor.is_user())
    return Error::make(ErrorCode::forbidden, "only signed-in users have API tokens");
  return {};
}

}  // namespace

std::string normalize_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  return email.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find(' ') == std::string_view::npos && email.find('@', at + 1) == std::string_view::npos;
}

AuthService::AuthService(store::Database& db, const Clock& clock, AuthSettings settings)
    : db_(db),
      clock_(clock),
      settings_(settings),
      limits_(settings.max_failed_logins, settings.failed_login_window_ms),
      identities_(settings.identity_cache_ttl_ms, 100'000) {}

Result<NewSession> AuthService::login(std::string_view email_in, std::string_view password,
                                      std::string_view remote_address, std::string_view user_agent) {
  const std::string email = normalize_email(email_in);
  if (email.empty() || password.empty())
    return Error::make(ErrorCode::validation_failed, "email and password are required");
  const TimestampMs now = clock_.now_ms();
  const auto keys = LoginLimits::keys("account", email, remote_address);

  std::optional<store::UserRow> user;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_TRY(limits_.check(txn, keys, now));
    TANDEM_ASSIGN(user, store::find_user_by_email(txn, email));
    return {};
  }));

  const bool password_ok = verify_password(user ? user->password_hash : dummy_password_hash(), password);
  if (!user || !user->active || !password_ok) {
    TANDEM_TRY(limits_.record_failure(db_, keys, now));
    return Error::make(ErrorCode::invalid_credentials, "wrong email or password");
  }

  NewSession session{*user, 0, random_token(), random_token(24), now + settings_.session_ttl_ms};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_TRY(limits_.clear(txn, keys, now));
    TANDEM_ASSIGN(session.session_id,
                  store::insert_session(txn, hash_secret(session.secret), user->id, session.csrf_token, now,
                                        session.expires_at, remote_address, user_agent.substr(0, 512)));
    return {};
  }));
  return session;
}

Status AuthService::logout(std::int64_t session_id) {
  TANDEM_TRY(db_.write([&](store::Txn& txn) { return store::delete_session(txn, session_id); }));
  identities_.clear();
  return {};
}

Result<std::optional<Identity>> AuthService::authenticate_session(std::string_view secret) {
  if (secret.empty()) return std::optional<Identity>{};
  const TimestampMs now = clock_.now_ms();
  const std::string key = hash_secret(secret);
  if (auto cached = identities_.find(key, now)) return cached;
  return lookup_session(key, now);
}

Result<std::optional<Identity>> AuthService::lookup_session(const std::string& secret_hash, TimestampMs now) {
  std::optional<std::pair<store::SessionRow, store::UserRow>> found;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(found, store::find_session(txn, secret_hash, now));
    return {};
  }));
  if (!found) return std::optional<Identity>{};
  auto& [session, user] = *found;
  TimestampMs expires_at = session.expires_at;
  if (expires_at - now < settings_.session_ttl_ms / 2) {
    expires_at = now + settings_.session_ttl_ms;
    db_.write_later([id = session.id, expires_at](store::Txn& txn) {
      return store::extend_session(txn, id, expires_at);
    });
  }
  Identity identity{actor_of(user), user, session.id, session.csrf_token};
  identities_.insert(secret_hash, identity, now, expires_at);
  return std::optional(std::move(identity));
}

Result<std::optional<Identity>> AuthService::authenticate_token(std::string_view secret) {
  if (!secret.starts_with(kTokenPrefix)) return std::optional<Identity>{};
  const TimestampMs now = clock_.now_ms();
  const std::string key = hash_secret(secret);
  if (auto cached = identities_.find(key, now)) return cached;
  return lookup_token(key, now);
}

Result<std::optional<Identity>> AuthService::lookup_token(const std::string& secret_hash, TimestampMs now) {
  std::optional<std::pair<store::ApiTokenRow, store::UserRow>> found;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(found, store::find_api_token(txn, secret_hash));
    return {};
  }));
  if (!found) return std::optional<Identity>{};
  const store::ApiTokenRow& token = found->first;
  if (!token.last_used_at || now - *token.last_used_at >= kTokenUseResolutionMs)
    db_.write_later([id = token.id, now](store::Txn& txn) { return store::touch_api_token(txn, id, now); });
  Identity identity{actor_of(found->second), found->second, 0, {}};
  identities_.insert(secret_hash, identity, now, now + settings_.identity_cache_ttl_ms);
  return std::optional(std::move(identity));
}

Result<NewApiToken> AuthService::create_token(const Actor& actor, std::string_view name) {
  TANDEM_TRY(require_token_owner(actor));
  if (name.empty() || name.size() > 100)
    return Error::make(ErrorCode::validation_failed, "name must have 1 to 100 characters")
        .with("field", "name");
  const TimestampMs now = clock_.now_ms();
  NewApiToken created;
  created.secret = std::string(kTokenPrefix) + random_token();
  created.token =
      store::ApiTokenRow{0, actor.user_id, std::string(name), created.secret.substr(0, 10), now, {}};
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(created.token.id,
                  store::insert_api_token(txn, actor.user_id, name, hash_secret(created.secret),
                                          created.token.prefix, now));
    const nlohmann::json payload = {{"name", name}, {"prefix", created.token.prefix}};
    return status_of(store::append_event(txn, actor, now, "api_token", created.token.id, "api_token.created",
                                         payload.dump()));
  }));
  return created;
}

Result<std::vector<store::ApiTokenRow>> AuthService::list_tokens(const Actor& actor) {
  TANDEM_TRY(require_token_owner(actor));
  std::vector<store::ApiTokenRow> tokens;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(tokens, store::list_api_tokens(txn, actor.user_id));
    return {};
  }));
  return tokens;
}

Status AuthService::revoke_token(const Actor& actor, std::int64_t token_id) {
  TANDEM_TRY(require_token_owner(actor));
  const TimestampMs now = clock_.now_ms();
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const bool revoked, store::revoke_api_token(txn, actor.user_id, token_id, now));
    if (!revoked) return Error::make(ErrorCode::not_found, "no such token");
    return status_of(store::append_event(txn, actor, now, "api_token", token_id, "api_token.revoked", "{}"));
  }));
  identities_.clear();
  return {};
}

}  // namespace tandem::service
