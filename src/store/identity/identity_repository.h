// Rows of internal users, their browser sessions, API tokens and failed sign-in attempts.
// Secrets are never stored: sessions and tokens by hash, passwords as argon2id strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

/// A user's level in each app, indexed by App.
using AppLevels = decltype(Actor::app_levels);

struct UserRow {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::agent;
  std::string password_hash;
  bool active = true;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  AppLevels app_levels{};  // indexed by App; an app missing from the stored object is at the full level
  std::optional<std::string> language{};  // "en" or "ru"; nullopt: the email settings' default
};

struct SessionRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string csrf_token;
  TimestampMs expires_at = 0;
};

struct ApiTokenRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string prefix;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> last_used_at;
};

// ---- users
/// Inserts a user and returns its id. Errors: `conflict` when the email is taken.
Result<std::int64_t> insert_user(Txn& txn, const UserRow& user);
/// The user with this email (case-insensitive), or nullopt.
Result<std::optional<UserRow>> find_user_by_email(Txn& txn, std::string_view email);
/// The user with this id, or nullopt.
Result<std::optional<UserRow>> find_user(Txn& txn, std::int64_t id);
/// Writes the user's name, role, app levels, language and updated_at.
Status update_user(Txn& txn, const UserRow& user);
/// Users ordered by id, starting after `after_id`, at most `limit`.
Result<std::vector<UserRow>> list_users(Txn& txn, std::int64_t after_id, int limit);

// ---- sessions
/// Stores a session by the hash of its secret and returns its id.
Result<std::int64_t> insert_session(Txn& txn, std::string_view token_hash, std::int64_t user_id,
                                    std::string_view csrf_token, TimestampMs now, TimestampMs expires_at,
                                    std::string_view remote_address, std::string_view user_agent);
/// The session and its active user for a secret's hash, when not expired at `now`.
Result<std::optional<std::pair<SessionRow, UserRow>>> find_session(Txn& txn, std::string_view token_hash,
                                                                   TimestampMs now);
/// Moves a session's expiry.
Status extend_session(Txn& txn, std::int64_t session_id, TimestampMs expires_at);
/// Deletes a session (sign-out).
Status delete_session(Txn& txn, std::int64_t session_id);

// ---- API tokens
/// Stores a token by hash and returns its id.
Result<std::int64_t> insert_api_token(Txn& txn, std::int64_t user_id, std::string_view name,
                                      std::string_view token_hash, std::string_view prefix, TimestampMs now);
/// The unrevoked token and its active user for a secret's hash.
Result<std::optional<std::pair<ApiTokenRow, UserRow>>> find_api_token(Txn& txn, std::string_view token_hash);
/// Records that a token was used at `now`.
Status touch_api_token(Txn& txn, std::int64_t token_id, TimestampMs now);
/// The user's unrevoked tokens, newest first.
Result<std::vector<ApiTokenRow>> list_api_tokens(Txn& txn, std::int64_t user_id);
/// Revokes a token of the user; false when the user has no such unrevoked token.
Result<bool> revoke_api_token(Txn& txn, std::int64_t user_id, std::int64_t token_id, TimestampMs now);

/// Deactivates a user and ends its sessions.
Status deactivate_user(Txn& txn, std::int64_t user_id, TimestampMs now);

// ---- failed sign-ins
/// Records one failed attempt under `key` (e.g. "account:a@b.c", "address:10.0.0.1").
Status insert_login_failure(Txn& txn, std::string_view key, TimestampMs now);
/// Count and oldest instant of failures under `key` at or after `since`.
Result<std::pair<int, TimestampMs>> count_login_failures(Txn& txn, std::string_view key, TimestampMs since);
/// Forgets the failures under `key` (after a successful sign-in) and any older than `before`.
Status clear_login_failures(Txn& txn, std::string_view key, TimestampMs before);

}  // namespace tandem::store
