#include "service/users/user_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/policy.h"
#include "service/auth/auth_service.h"
#include "service/auth/secrets.h"
#include "service/email/email_settings.h"
#include "store/event_log.h"

namespace tandem::service {

namespace {

Error invalid(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

// The levels of an `app_levels` object such as {"tickets":"standard"}. Errors: validation_failed.
Result<store::AppLevels> checked_app_levels(const nlohmann::json& value) {
  if (!value.is_object())
    return invalid("app_levels", "app_levels must be an object like {\"tickets\":\"standard\"}");
  store::AppLevels levels{};
  for (const auto& [key, level] : value.items()) {
    const auto app = parse_app(key);
    if (!app)
      return invalid("app_levels", key + " is not an app: tickets, tasks, timesheets, customers, projects");
    const auto parsed = level.is_string() ? parse_app_level(level.get<std::string>()) : std::nullopt;
    if (!parsed) return invalid("app_levels", "the level of " + key + " must be full, standard or limited");
    levels[static_cast<std::size_t>(*app)] = *parsed;
  }
  return levels;
}

Status check_name(const std::string& name) {
  if (name.empty() || name.size() > 200) return invalid("name", "name must have 1 to 200 characters");
  return {};
}

nlohmann::json nullable_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

Result<Role> checked_role(const std::string& name) {
  const auto role = parse_role(name);
  if (!role) return invalid("role", "role must be admin, manager or agent");
  return *role;
}

}  // namespace

nlohmann::json app_levels_json(const store::AppLevels& levels) {
  nlohmann::json object = nlohmann::json::object();
  for (const App app : kAllApps)
    object[std::string(to_string(app))] = to_string(levels[static_cast<std::size_t>(app)]);
  return object;
}

Result<store::UserRow> UserService::create_user(const Actor& actor, const NewUser& input) {
  if (!Policy::can(actor, Action::manage_users))
    return Error::make(ErrorCode::forbidden, "only admins add users");
  store::UserRow user;
  user.email = normalize_email(input.email);
  user.name = input.name;
  if (!plausible_email(user.email)) return invalid("email", "email must be an address like name@example.com");
  TANDEM_TRY(check_name(user.name));
  TANDEM_ASSIGN(user.role, checked_role(input.role));
  TANDEM_ASSIGN(user.app_levels, checked_app_levels(input.app_levels));
  if (input.password.size() < 8 || input.password.size() > 1024)
    return invalid("password", "password must have 8 to 1024 characters");
  TANDEM_ASSIGN(user.password_hash, hash_password(input.password));
  user.created_at = user.updated_at = clock_.now_ms();

  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(user.id, store::insert_user(txn, user));
    const nlohmann::json payload = {{"email", user.email},
                                    {"name", user.name},
                                    {"role", to_string(user.role)},
                                    {"app_levels", app_levels_json(user.app_levels)}};
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

Result<store::UserRow> UserService::update_user(const Actor& actor, std::int64_t id,
                                                const UserChanges& changes) {
  if (!Policy::can(actor, Action::manage_users))
    return Error::make(ErrorCode::forbidden, "only admins change users");
  return apply_changes(actor, id, changes);
}

Result<store::UserRow> UserService::update_own_profile(const Actor& actor, const UserChanges& changes) {
  if (!Policy::can(actor, Action::edit_own_profile))
    return Error::make(ErrorCode::forbidden, "only internal users have a profile to change");
  if (changes.role || changes.app_levels)
    return Error::make(ErrorCode::forbidden, "only admins change roles and app levels");
  return apply_changes(actor, actor.user_id, changes);
}

Result<store::UserRow> UserService::apply_changes(const Actor& actor, std::int64_t id,
                                                  const UserChanges& changes) {
  store::UserRow user;
  TANDEM_TRY(db_.write([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(auto found, store::find_user(txn, id));
    if (!found) return Error::make(ErrorCode::not_found, "no such user");
    user = *found;
    nlohmann::json diff = nlohmann::json::object();
    const auto note = [&](const char* field, nlohmann::json from, nlohmann::json to) {
      if (from != to) diff[field] = {{"from", std::move(from)}, {"to", std::move(to)}};
    };
    if (changes.name) {
      TANDEM_TRY(check_name(*changes.name));
      note("name", user.name, *changes.name);
      user.name = *changes.name;
    }
    if (changes.role) {
      TANDEM_ASSIGN(const Role role, checked_role(*changes.role));
      note("role", to_string(user.role), to_string(role));
      user.role = role;
    }
    if (changes.app_levels) {
      TANDEM_ASSIGN(const auto levels, checked_app_levels(*changes.app_levels));
      note("app_levels", app_levels_json(user.app_levels), app_levels_json(levels));
      user.app_levels = levels;
    }
    if (changes.language) {
      if (*changes.language && !is_mail_language(**changes.language))
        return invalid("language", "language must be en, ru or null");
      note("language", nullable_json(user.language), nullable_json(*changes.language));
      user.language = *changes.language;
    }
    if (diff.empty()) return {};
    user.updated_at = clock_.now_ms();
    TANDEM_TRY(store::update_user(txn, user));
    const nlohmann::json payload = {{"changes", diff}};
    return status_of(
        store::append_event(txn, actor, user.updated_at, "user", id, "user.updated", payload.dump()));
  }));
  auth_.forget_identities();
  return user;
}

}  // namespace tandem::service
