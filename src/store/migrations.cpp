#include "store/migrations.h"

#include <chrono>

namespace tandem::store {

namespace {

constexpr std::string_view kFoundation = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'agent')),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  id             INTEGER PRIMARY KEY,
  token_hash     TEXT NOT NULL UNIQUE,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  remote_address TEXT NOT NULL DEFAULT '',
  user_agent     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);

CREATE TABLE login_failures (
  id   INTEGER PRIMARY KEY,
  key  TEXT NOT NULL,
  at   INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures(key, at);

CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor_kind  TEXT NOT NULL,
  actor_id    INTEGER,
  entity_type TEXT NOT NULL,
  entity_id   INTEGER,
  kind        TEXT NOT NULL,
  payload     TEXT NOT NULL CHECK (json_valid(payload))
);
CREATE INDEX events_by_entity ON events(entity_type, entity_id, id);

CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  idempotency_key TEXT UNIQUE,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  max_attempts    INTEGER NOT NULL DEFAULT 10,
  run_at          INTEGER NOT NULL,
  lease_owner     TEXT,
  lease_until     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
);
CREATE INDEX jobs_ready ON jobs(state, run_at);
)sql";

}  // namespace

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "foundation: users, sessions, api tokens, login failures, events, jobs", kFoundation},
  };
  return migrations;
}

Result<int> schema_version(Database& db) {
  int version = 0;
  TANDEM_TRY(db.read([&](Txn& txn) -> Status {
    auto table = txn.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    if (!table.ok()) return std::move(table).error();
    if (!table.value()) return {};
    auto row = txn.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!row.ok()) return std::move(row).error();
    version = static_cast<int>(row.value()->int64(0));
    return {};
  }));
  return version;
}

Result<int> migrate(Database& db) {
  TANDEM_TRY(db.write([](Txn& txn) {
    return txn.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL)");
  }));
  auto current = schema_version(db);
  if (!current.ok()) return std::move(current).error();
  int applied = 0;
  for (const Migration& m : all_migrations()) {
    if (m.version <= current.value()) continue;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    Status status = db.write([&](Txn& txn) -> Status {
      TANDEM_TRY(txn.exec_script(m.sql));
      return txn.exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                      {std::int64_t{m.version}, std::string(m.name), std::int64_t{now}});
    });
    if (!status.ok()) {
      Error error = std::move(status).error();
      error.internal = "migration " + std::to_string(m.version) + " failed: " + error.internal;
      return error;
    }
    ++applied;
  }
  return applied;
}

}  // namespace tandem::store
