#include "service/users/user_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/auth/auth_service.h"
#include "service/auth/secrets.h"
#include "store/event_log.h"

namespace tandem::service {

namespace {

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

}  // namespace

Result<store::UserRow> UserService::create_user(const Actor& actor, const NewUser& input) {
  if (!Policy::can(actor, Action::manage_users))
    return Error::make(ErrorCode::forbidden, "only admins add users");
  store::UserRow user;
  user.email = normalize_email(input.email);
  user.name = input.name;
  if (!plausible_email(user.email)) return invalid("email", "email must be an address like name@example.com");
  if (user.name.empty() || user.name.size() > 200)
    return invalid("name", "name must have 1 to 200 characters");
  const auto role = parse_role(input.role);
  if (!role) return invalid("role", "role must be admin, manager or agent");
  user.role = *role;
  if (input.password.size() < 8 || input.password.size() > 1024)
    return invalid("password", "password must have 8 to 1024 characters");
  TANDEM_ASSIGN(user.password_hash, hash_password(input.password));
  user.created_at = user.updated_at = clock_.now_ms();

  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(user.id, store::insert_user(txn, user));
    const nlohmann::json payload = {
        {"email", user.email}, {"name", user.name}, {"role", to_string(user.role)}};
    return status_of(
        store::append_event(txn, actor, user.created_at, "user", user.id, "user.created", payload.dump()));
  }));
  return user;
}

Result<std::vector<store::UserRow>> UserService::list_users(const Actor& actor, std::int64_t after_id,
                                                            int limit) {
  if (!Policy::can(actor, Action::view_users))
    return Error::make(ErrorCode::forbidden, "you may not list users");
  std::vector<store::UserRow> users;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(users, store::list_users(txn, after_id, std::clamp(limit, 1, 200)));
    return {};
  }));
  return users;
}

Result<store::UserRow> UserService::get_user(const Actor& actor, std::int64_t id) {
  if (!Policy::can(actor, Action::view_users))
    return Error::make(ErrorCode::forbidden, "you may not see users");
  std::optional<store::UserRow> user;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(user, store::find_user(txn, id));
    return {};
  }));
  if (!user) return Error::make(ErrorCode::not_found, "no such user");
  return *user;
}

}  // namespace tandem::service
