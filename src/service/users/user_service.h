// Internal users: created by admins (or the CLI as the system actor), listed by colleagues.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/auth/auth_service.h"
#include "store/database.h"
#include "store/identity/identity_repository.h"

namespace tandem::service {

struct NewUser {
  std::string email;
  std::string name;
  std::string role;  // "admin", "manager" or "agent"
  std::string password;
  nlohmann::json app_levels = nlohmann::json::object();  // {"tickets":"standard",…}; missing apps: full
};

/// What an admin changes about a user; absent fields stay.
struct UserChanges {
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<nlohmann::json> app_levels;            // replaces every level; apps it does not name are full
  std::optional<std::optional<std::string>> language;  // "en", "ru", or nullopt inside for the default
};

/// Every app with the user's level in it: {"tickets":"full",…}.
nlohmann::json app_levels_json(const store::AppLevels& levels);

class UserService {
 public:
  /// `auth` forgets cached identities when a user's role or levels change.
  UserService(store::Database& db, const Clock& clock, AuthService& auth)
      : db_(db), clock_(clock), auth_(auth) {}

  /// Creates an internal user and records `user.created`. Errors: forbidden (not an admin),
  /// validation_failed (field in details["field"]), conflict (email taken).
  Result<store::UserRow> create_user(const Actor& actor, const NewUser& input);
  /// Users with id > after_id in id order, at most `limit` (1..200). Errors: forbidden.
  Result<std::vector<store::UserRow>> list_users(const Actor& actor, std::int64_t after_id, int limit);
  /// One user by id. Errors: forbidden, not_found.
  Result<store::UserRow> get_user(const Actor& actor, std::int64_t id);
  /// Applies an admin's changes and records `user.updated` with old → new values; signed-in sessions of
  /// the user get the new role and levels at their next request. Errors: forbidden, not_found,
  /// validation_failed (name, role, app_levels, language).
  Result<store::UserRow> update_user(const Actor& actor, std::int64_t id, const UserChanges& changes);

  /// Changes the signed-in user's own name and language (the language of the mail it gets and of the web
  /// app); a role or app levels in `changes` are refused. Errors: forbidden, validation_failed (name,
  /// language).
  Result<store::UserRow> update_own_profile(const Actor& actor, const UserChanges& changes);

 private:
  // Stores `changes` to user `id` with an event by `actor`, who was allowed to make them.
  Result<store::UserRow> apply_changes(const Actor& actor, std::int64_t id, const UserChanges& changes);

  store::Database& db_;
  const Clock& clock_;
  AuthService& auth_;
};

}  // namespace tandem::service
