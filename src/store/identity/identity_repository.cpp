#include "store/identity/identity_repository.h"

#include <nlohmann/json.hpp>

namespace tandem::store {

namespace {

#define TANDEM_USER_COLUMNS                                                                              \
  "u.id, u.email, u.name, u.role, u.password_hash, u.active, u.created_at, u.updated_at, u.app_levels, " \
  "u.language"

// The levels of a stored `{"tickets":"limited",…}` object; apps it does not name are at the full level.
AppLevels app_levels_from_text(const std::string& text) {
  AppLevels levels{};
  const auto object = nlohmann::json::parse(text, nullptr, false);
  if (!object.is_object()) return levels;
  for (const App app : kAllApps) {
    const auto it = object.find(std::string(to_string(app)));
    if (it != object.end() && it->is_string())
      levels[static_cast<std::size_t>(app)] =
          parse_app_level(it->get<std::string>()).value_or(AppLevel::full);
  }
  return levels;
}

std::string app_levels_text(const AppLevels& levels) {
  nlohmann::json object = nlohmann::json::object();
  for (const App app : kAllApps)
    if (levels[static_cast<std::size_t>(app)] != AppLevel::full)
      object[std::string(to_string(app))] = to_string(levels[static_cast<std::size_t>(app)]);
  return object.dump();
}

// Reads the user columns starting at column `at` of `row`.
UserRow user_from_row(const Row& row, std::size_t at = 0) {
  return UserRow{row.int64(at),
                 row.text(at + 1),
                 row.text(at + 2),
                 parse_role(row.text(at + 3)).value_or(Role::agent),
                 row.text(at + 4),
                 row.int64(at + 5) != 0,
                 row.int64(at + 6),
                 row.int64(at + 7),
                 app_levels_from_text(row.text(at + 8)),
                 row.opt_text(at + 9)};
}

Result<std::optional<UserRow>> one_user(Txn& txn, std::string_view sql, const std::vector<Value>& params) {
  auto row = txn.one(sql, params);
  if (!row.ok()) return std::move(row).error();
  if (!row.value()) return std::optional<UserRow>{};
  return std::optional<UserRow>(user_from_row(*row.value()));
}

}  // namespace

Result<std::int64_t> insert_user(Txn& txn, const UserRow& user) {
  auto id = txn.insert(
      "INSERT INTO users(email, name, role, password_hash, active, created_at, updated_at, app_levels, "
      "language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {user.email, user.name, std::string(to_string(user.role)), user.password_hash,
       std::int64_t{user.active ? 1 : 0}, user.created_at, user.updated_at, app_levels_text(user.app_levels),
       user.language ? Value(*user.language) : Value(nullptr)});
  if (!id.ok()) {
    Error error = std::move(id).error();
    if (error.code == ErrorCode::conflict) error.message = "a user with this email already exists";
    return error;
  }
  return id;
}

Result<std::optional<UserRow>> find_user_by_email(Txn& txn, std::string_view email) {
  return one_user(txn, "SELECT " TANDEM_USER_COLUMNS " FROM users u WHERE u.email = ?", {std::string(email)});
}

Result<std::optional<UserRow>> find_user(Txn& txn, std::int64_t id) {
  return one_user(txn, "SELECT " TANDEM_USER_COLUMNS " FROM users u WHERE u.id = ?", {id});
}

Status update_user(Txn& txn, const UserRow& user) {
  return txn.exec(
      "UPDATE users SET name = ?, role = ?, app_levels = ?, language = ?, updated_at = ? WHERE id = ?",
      {user.name, std::string(to_string(user.role)), app_levels_text(user.app_levels),
       user.language ? Value(*user.language) : Value(nullptr), user.updated_at, user.id});
}

Result<std::vector<UserRow>> list_users(Txn& txn, std::int64_t after_id, int limit) {
  std::vector<UserRow> users;
  TANDEM_TRY(txn.exec("SELECT " TANDEM_USER_COLUMNS " FROM users u WHERE u.id > ? ORDER BY u.id LIMIT ?",
                      {after_id, std::int64_t{limit}},
                      [&](const Row& row) { users.push_back(user_from_row(row)); }));
  return users;
}

Result<std::int64_t> insert_session(Txn& txn, std::string_view token_hash, std::int64_t user_id,
                                    std::string_view csrf_token, TimestampMs now, TimestampMs expires_at,
                                    std::string_view remote_address, std::string_view user_agent) {
  return txn.insert(
      "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, remote_address, "
      "user_agent) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {std::string(token_hash), user_id, std::string(csrf_token), now, expires_at,
       std::string(remote_address), std::string(user_agent)});
}

Result<std::optional<std::pair<SessionRow, UserRow>>> find_session(Txn& txn, std::string_view token_hash,
                                                                   TimestampMs now) {
  auto row = txn.one("SELECT s.id, s.user_id, s.csrf_token, s.expires_at, " TANDEM_USER_COLUMNS
                     " FROM sessions s JOIN users u ON u.id = s.user_id "
                     "WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
                     {std::string(token_hash), now});
  if (!row.ok()) return std::move(row).error();
  if (!row.value()) return std::optional<std::pair<SessionRow, UserRow>>{};
  const Row& r = *row.value();
  return std::optional(
      std::pair{SessionRow{r.int64(0), r.int64(1), r.text(2), r.int64(3)}, user_from_row(r, 4)});
}

Status extend_session(Txn& txn, std::int64_t session_id, TimestampMs expires_at) {
  return txn.exec("UPDATE sessions SET expires_at = ? WHERE id = ?", {expires_at, session_id});
}

Status delete_session(Txn& txn, std::int64_t session_id) {
  return txn.exec("DELETE FROM sessions WHERE id = ?", {session_id});
}

Result<std::int64_t> insert_api_token(Txn& txn, std::int64_t user_id, std::string_view name,
                                      std::string_view token_hash, std::string_view prefix, TimestampMs now) {
  return txn.insert(
      "INSERT INTO api_tokens(user_id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
      {user_id, std::string(name), std::string(token_hash), std::string(prefix), now});
}

Result<std::optional<std::pair<ApiTokenRow, UserRow>>> find_api_token(Txn& txn, std::string_view token_hash) {
  auto row =
      txn.one("SELECT t.id, t.user_id, t.name, t.prefix, t.created_at, t.last_used_at, " TANDEM_USER_COLUMNS
              " FROM api_tokens t JOIN users u ON u.id = t.user_id "
              "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1",
              {std::string(token_hash)});
  if (!row.ok()) return std::move(row).error();
  if (!row.value()) return std::optional<std::pair<ApiTokenRow, UserRow>>{};
  const Row& r = *row.value();
  return std::optional(
      std::pair{ApiTokenRow{r.int64(0), r.int64(1), r.text(2), r.text(3), r.int64(4), r.opt_int64(5)},
                user_from_row(r, 6)});
}

Status touch_api_token(Txn& txn, std::int64_t token_id, TimestampMs now) {
  return txn.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now, token_id});
}

Result<std::vector<ApiTokenRow>> list_api_tokens(Txn& txn, std::int64_t user_id) {
  std::vector<ApiTokenRow> tokens;
  TANDEM_TRY(
      txn.exec("SELECT id, user_id, name, prefix, created_at, last_used_at FROM api_tokens "
               "WHERE user_id = ? AND revoked_at IS NULL ORDER BY id DESC",
               {user_id}, [&](const Row& r) {
                 tokens.push_back(
                     ApiTokenRow{r.int64(0), r.int64(1), r.text(2), r.text(3), r.int64(4), r.opt_int64(5)});
               }));
  return tokens;
}

Result<bool> revoke_api_token(Txn& txn, std::int64_t user_id, std::int64_t token_id, TimestampMs now) {
  TANDEM_TRY(
      txn.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
               {now, token_id, user_id}));
  return txn.changes() == 1;
}

Status deactivate_user(Txn& txn, std::int64_t user_id, TimestampMs now) {
  TANDEM_TRY(txn.exec("UPDATE users SET active = 0, updated_at = ? WHERE id = ?", {now, user_id}));
  return txn.exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

Status insert_login_failure(Txn& txn, std::string_view key, TimestampMs now) {
  return txn.exec("INSERT INTO login_failures(key, at) VALUES (?, ?)", {std::string(key), now});
}

Result<std::pair<int, TimestampMs>> count_login_failures(Txn& txn, std::string_view key, TimestampMs since) {
  auto row = txn.one("SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failures WHERE key = ? AND at >= ?",
                     {std::string(key), since});
  if (!row.ok()) return std::move(row).error();
  return std::pair{static_cast<int>(row.value()->int64(0)), row.value()->int64(1)};
}

Status clear_login_failures(Txn& txn, std::string_view key, TimestampMs before) {
  return txn.exec("DELETE FROM login_failures WHERE key = ? OR at < ?", {std::string(key), before});
}

}  // namespace tandem::store
