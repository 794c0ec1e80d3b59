// Internal users: created by admins (or the CLI as the system actor), listed by colleagues.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"
#include "store/identity/identity_repository.h"

namespace tandem::service {

struct NewUser {
  std::string email;
  std::string name;
  std::string role;  // "admin", "manager" or "agent"
  std::string password;
};

class UserService {
 public:
  UserService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// Creates an internal user and records `user.created`. Errors: forbidden (not an admin),
  /// validation_failed (field in details["field"]), conflict (email taken).
  Result<store::UserRow> create_user(const Actor& actor, const NewUser& input);
  /// Users with id > after_id in id order, at most `limit` (1..200). Errors: forbidden.
  Result<std::vector<store::UserRow>> list_users(const Actor& actor, std::int64_t after_id, int limit);
  /// One user by id. Errors: forbidden, not_found.
  Result<store::UserRow> get_user(const Actor& actor, std::int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace tandem::service
