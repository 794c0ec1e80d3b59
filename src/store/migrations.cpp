#include "store/migrations.h"

#include <chrono>
#include <set>
#include <string>

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

constexpr std::string_view kWorkItems = R"sql(
CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters(name, value) VALUES ('item_number', 1000);

CREATE TABLE teams (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX team_members_by_user ON team_members(user_id, team_id);

CREATE TABLE portfolios (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES portfolios(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position    REAL NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX portfolios_by_parent ON portfolios(parent_id, position);

CREATE TABLE projects (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  start_date    TEXT,
  archived      INTEGER NOT NULL DEFAULT 0,
  position      REAL NOT NULL DEFAULT 0,
  custom_fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom_fields)),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE TABLE portfolio_projects (
  portfolio_id INTEGER NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
  project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  position     REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (portfolio_id, project_id)
) WITHOUT ROWID;
CREATE INDEX portfolio_projects_by_project ON portfolio_projects(project_id, portfolio_id);
CREATE TABLE project_members (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('manager', 'lead', 'standard', 'restricted')),
  PRIMARY KEY (project_id, user_id)
) WITHOUT ROWID;
CREATE INDEX project_members_by_user ON project_members(user_id, project_id);
CREATE TABLE project_followers (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  party_kind TEXT NOT NULL CHECK (party_kind IN ('user', 'customer', 'organization')),
  party_id   INTEGER NOT NULL,
  UNIQUE (project_id, party_kind, party_id)
);
CREATE INDEX project_followers_by_party ON project_followers(party_kind, party_id, project_id);

CREATE TABLE folders (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  parent_id  INTEGER REFERENCES folders(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  position   REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX folders_by_project ON folders(project_id, parent_id, position);

CREATE TABLE item_types (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  builtin    INTEGER NOT NULL DEFAULT 0,
  position   REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE statuses (
  id       INTEGER PRIMARY KEY,
  type_id  INTEGER NOT NULL REFERENCES item_types(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  color    TEXT NOT NULL,
  position REAL NOT NULL DEFAULT 0,
  state    TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'finished')),
  UNIQUE (type_id, name)
);
INSERT INTO item_types(id, key, name, builtin, position, created_at, updated_at) VALUES
  (1, 'ticket', 'Ticket', 1, 1, 0, 0),
  (2, 'task', 'Task', 1, 2, 0, 0);
INSERT INTO statuses(type_id, name, color, position, state) VALUES
  (1, 'New', '#2f80ed', 1, 'not_started'),
  (1, 'Open', '#f2994a', 2, 'in_progress'),
  (1, 'Pending customer', '#9b51e0', 3, 'in_progress'),
  (1, 'Pending agent', '#eb5757', 4, 'in_progress'),
  (1, 'Resolved', '#27ae60', 5, 'finished'),
  (1, 'Closed', '#828282', 6, 'finished'),
  (2, 'Not started', '#828282', 1, 'not_started'),
  (2, 'Planned', '#2f80ed', 2, 'not_started'),
  (2, 'In progress', '#f2994a', 3, 'in_progress'),
  (2, 'Completed', '#27ae60', 4, 'finished');

CREATE TABLE custom_fields (
  id         INTEGER PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('item', 'project')),
  key        TEXT NOT NULL,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'multi_choice', 'checkbox', 'user')),
  choices    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(choices)),
  required   INTEGER NOT NULL DEFAULT 0,
  position   REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (scope, key)
);

CREATE TABLE items (
  id                   INTEGER PRIMARY KEY,
  number               INTEGER NOT NULL UNIQUE,
  type_id              INTEGER NOT NULL REFERENCES item_types(id),
  status_id            INTEGER NOT NULL REFERENCES statuses(id),
  state                TEXT NOT NULL,
  title                TEXT NOT NULL,
  description          TEXT NOT NULL DEFAULT '',
  priority             INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 5),
  project_id           INTEGER REFERENCES projects(id),
  folder_id            INTEGER REFERENCES folders(id),
  parent_id            INTEGER REFERENCES items(id),
  planned_start        TEXT,
  planned_finish       TEXT,
  planned_work_minutes INTEGER,
  duration_days        REAL,
  constraint_type      TEXT NOT NULL DEFAULT 'asap',
  constraint_date      TEXT,
  actual_start         TEXT,
  actual_finish        TEXT,
  percent_complete     INTEGER NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  points               REAL,
  due_date             TEXT,
  source               TEXT NOT NULL DEFAULT 'agent',
  tags                 TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  custom_fields        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom_fields)),
  position             REAL NOT NULL DEFAULT 0,
  version              INTEGER NOT NULL DEFAULT 1,
  created_by           INTEGER,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX items_by_updated ON items(updated_at);
CREATE INDEX items_by_project ON items(project_id, updated_at);
CREATE INDEX items_by_folder ON items(folder_id) WHERE folder_id IS NOT NULL;
CREATE INDEX items_by_parent ON items(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX items_by_status ON items(status_id, updated_at);
CREATE INDEX items_by_state ON items(state, updated_at);

-- Who is on an item: requesters, followers and assignees; users, teams, later customers.
CREATE TABLE item_parties (
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('requester', 'follower', 'assignee')),
  party_kind TEXT NOT NULL CHECK (party_kind IN ('user', 'team', 'customer')),
  party_id   INTEGER NOT NULL,
  PRIMARY KEY (item_id, role, party_kind, party_id)
) WITHOUT ROWID;
CREATE INDEX item_parties_by_party ON item_parties(party_kind, party_id, role, item_id);

CREATE TABLE item_tags (
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  tag     TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (item_id, tag)
) WITHOUT ROWID;
CREATE INDEX item_tags_by_tag ON item_tags(tag, item_id);

CREATE TABLE item_links (
  id           INTEGER PRIMARY KEY,
  from_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  to_item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('FS', 'SS', 'FF', 'SF', 'relates')),
  lag_minutes  INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  UNIQUE (from_item_id, to_item_id, kind)
);
CREATE INDEX item_links_by_to ON item_links(to_item_id);

CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  visibility  TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
  author_kind TEXT NOT NULL,
  author_id   INTEGER,
  body        TEXT NOT NULL,
  body_html   TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  edited      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_by_item ON messages(item_id, id);
-- The item of a message without reading its body: search maps thousands of matching messages to items.
CREATE INDEX messages_item_of ON messages(id, item_id);
CREATE TABLE message_revisions (
  id         INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  edited_by  INTEGER,
  edited_at  INTEGER NOT NULL
);
CREATE INDEX message_revisions_by_message ON message_revisions(message_id, id);

CREATE TABLE files (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,
  size        INTEGER NOT NULL,
  mime        TEXT NOT NULL,
  name        TEXT NOT NULL,
  uploaded_by INTEGER,
  created_at  INTEGER NOT NULL
);
CREATE INDEX files_by_hash ON files(sha256);
CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  file_id    INTEGER NOT NULL REFERENCES files(id),
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (item_id, file_id)
);
CREATE INDEX attachments_by_file ON attachments(file_id);
CREATE INDEX attachments_by_message ON attachments(message_id) WHERE message_id IS NOT NULL;

-- The first answer to a POST sent with an Idempotency-Key, replayed on retries.
CREATE TABLE idempotency_keys (
  owner      TEXT NOT NULL,
  key        TEXT NOT NULL,
  request    TEXT NOT NULL,
  status     INTEGER NOT NULL,
  headers    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (owner, key)
) WITHOUT ROWID;

-- Full-text search over items and messages; external content, kept in step by triggers.
CREATE VIRTUAL TABLE items_fts USING fts5(title, description, content='items', content_rowid='id',
                                          tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, description ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO items_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
END;
CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id',
                                             tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
)sql";

// The indexed words with the number of texts holding each: search completes a word being typed from them.
constexpr std::string_view kSearchVocabulary = R"sql(
CREATE VIRTUAL TABLE items_fts_vocab USING fts5vocab(items_fts, row);
CREATE VIRTUAL TABLE messages_fts_vocab USING fts5vocab(messages_fts, row);
)sql";

// Who is who outside the company (customers, organizations) and the finer internal permissions.
constexpr std::string_view kCustomersAndPermissions = R"sql(
-- Settings documents (portal, modules, intake): one JSON object per key; a missing key means the defaults.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Per-app access level of an internal user, e.g. {"tickets":"full","timesheets":"limited"}.
ALTER TABLE users ADD COLUMN app_levels TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(app_levels));

-- A private project is invisible to everyone but its members (and admins).
ALTER TABLE projects ADD COLUMN private INTEGER NOT NULL DEFAULT 0;

-- Teams working in a project: each member of the team has the team's project role.
CREATE TABLE project_teams (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  team_id    INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('manager', 'lead', 'standard', 'restricted')),
  PRIMARY KEY (project_id, team_id)
) WITHOUT ROWID;
CREATE INDEX project_teams_by_team ON project_teams(team_id, project_id);

CREATE TABLE project_join_requests (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  message    TEXT NOT NULL DEFAULT '',
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'denied')),
  decided_by INTEGER REFERENCES users(id),
  decided_at INTEGER,
  reason     TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX project_join_requests_one_pending ON project_join_requests(project_id, user_id)
  WHERE state = 'pending';
CREATE INDEX project_join_requests_by_user ON project_join_requests(user_id, id);

CREATE TABLE organizations (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL COLLATE NOCASE UNIQUE,
  custom_fields     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom_fields)),
  intake_project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE TABLE organization_domains (
  domain          TEXT PRIMARY KEY COLLATE NOCASE,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX organization_domains_by_organization ON organization_domains(organization_id);

CREATE TABLE customers (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
  active          INTEGER NOT NULL DEFAULT 1,
  password_hash   TEXT,                          -- NULL until the customer sets a password
  user_id         INTEGER REFERENCES users(id),  -- the internal user this customer was converted to
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX customers_by_organization ON customers(organization_id);
CREATE TABLE customer_emails (
  email       TEXT PRIMARY KEY COLLATE NOCASE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX customer_emails_by_customer ON customer_emails(customer_id, position);

-- Customer portal sessions, apart from internal ones.
CREATE TABLE portal_sessions (
  id             INTEGER PRIMARY KEY,
  token_hash     TEXT NOT NULL UNIQUE,
  customer_id    INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  csrf_token     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  remote_address TEXT NOT NULL DEFAULT '',
  user_agent     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_sessions_by_customer ON portal_sessions(customer_id);

-- Single-use, expiring secrets mailed to customers: invitations and password resets.
CREATE TABLE customer_secrets (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX customer_secrets_by_customer ON customer_secrets(customer_id, purpose);

-- Whether customers may see an item on the portal at all (the portal settings decide if unpublished show).
ALTER TABLE items ADD COLUMN published INTEGER NOT NULL DEFAULT 1;

-- The secret link an anonymous visitor got for the item it submitted.
CREATE TABLE item_access_links (
  token_hash TEXT PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX item_access_links_by_item ON item_access_links(item_id);
)sql";

// A filtered list's commonest shape (a project's items in a state, latest change first) read from one index
// instead of walking every item in that state.
constexpr std::string_view kItemsByProjectState = R"sql(
CREATE INDEX items_by_project_state ON items(project_id, state, updated_at);
)sql";

constexpr std::string_view kMailThreading = R"sql(
-- Every Message-ID Tandem received or sent, with the item (and message) it belongs to: a reply finds its
-- ticket through its In-Reply-To and References headers. Stored without angle brackets.
CREATE TABLE mail_message_ids (
  message_id              TEXT PRIMARY KEY,
  item_id                 INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  conversation_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  direction               TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  created_at              INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mail_message_ids_by_item ON mail_message_ids(item_id);
-- The key of per-item reply addresses (support+1042-TOKEN@…): random per store.
INSERT INTO settings(key, value, updated_at) VALUES ('mail_secret', json_quote(lower(hex(randomblob(32)))), 0);
)sql";

constexpr std::string_view kPortalUploads = R"sql(
ALTER TABLE files ADD COLUMN uploaded_by_customer INTEGER REFERENCES customers(id);
)sql";

// The language mail to a person is written in; NULL: the default language of the email settings.
constexpr std::string_view kLanguages = R"sql(
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'ru'));
ALTER TABLE customers ADD COLUMN language TEXT CHECK (language IN ('en', 'ru'));
)sql";

// Messages indexed in item order: each message under the key item_id << 32 | message id, so walking the keys
// downwards meets the newest items' messages first and a newest-first search stops as soon as its page is
// full. Contentless (the texts stay in messages and messages_fts); message ids stay below 2^32.
constexpr std::string_view kItemMessagesSearch = R"sql(
CREATE VIRTUAL TABLE item_messages_fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2');
INSERT INTO item_messages_fts(rowid, body)
  SELECT (item_id << 32) | id, body FROM messages INDEXED BY messages_by_item ORDER BY item_id, id;
CREATE TRIGGER item_messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO item_messages_fts(rowid, body) VALUES ((new.item_id << 32) | new.id, new.body);
END;
CREATE TRIGGER item_messages_fts_update AFTER UPDATE OF item_id, body ON messages BEGIN
  INSERT INTO item_messages_fts(item_messages_fts, rowid, body)
    VALUES ('delete', (old.item_id << 32) | old.id, old.body);
  INSERT INTO item_messages_fts(rowid, body) VALUES ((new.item_id << 32) | new.id, new.body);
END;
CREATE TRIGGER item_messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO item_messages_fts(item_messages_fts, rowid, body)
    VALUES ('delete', (old.item_id << 32) | old.id, old.body);
END;
)sql";

// Search texts queued by the triggers and moved into the FTS5 tables once per commit group
// (apply_pending_search_texts): an FTS5 table written inside a savepoint writes its pending terms out as a
// new segment whenever the next savepoint opens, so indexing in the triggers cost one segment, and its
// merging, per write of a group.
constexpr std::string_view kDeferredSearchIndexing = R"sql(
CREATE TABLE items_search_pending (
  seq         INTEGER PRIMARY KEY,
  command     TEXT CHECK (command = 'delete'),  -- NULL: index the texts; 'delete': remove them
  item_id     INTEGER NOT NULL,
  title       TEXT,
  description TEXT
);
CREATE TABLE messages_search_pending (
  seq        INTEGER PRIMARY KEY,
  command    TEXT CHECK (command = 'delete'),
  message_id INTEGER NOT NULL,
  item_id    INTEGER NOT NULL,
  body       TEXT
);
DROP TRIGGER items_fts_insert;
DROP TRIGGER items_fts_update;
DROP TRIGGER items_fts_delete;
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER item_messages_fts_insert;
DROP TRIGGER item_messages_fts_update;
DROP TRIGGER item_messages_fts_delete;
)sql";

// The triggers that queue the search texts of `table` in `pending` when a row is added, changed (in one of
// `watched`) or removed: its old texts to delete, its new ones to index. `values` are the queued columns'
// values with `$` standing for `new` or `old`.
std::string search_queue_triggers(std::string_view table, std::string_view watched, std::string_view pending,
                                  std::string_view columns, std::string_view values) {
  const auto queue = [&](std::string_view row, bool deleting) {
    std::string of_row(values);
    for (std::size_t at = of_row.find('$'); at != std::string::npos; at = of_row.find('$', at))
      of_row.replace(at, 1, row);
    return "INSERT INTO " + std::string(pending) + "(command, " + std::string(columns) + ") VALUES (" +
           (deleting ? "'delete', " : "NULL, ") + of_row + ");\n";
  };
  const std::string prefix = "CREATE TRIGGER " + std::string(table) + "_search_";
  return prefix + "insert AFTER INSERT ON " + std::string(table) + " BEGIN\n" + queue("new", false) +
         "END;\n" + prefix + "update AFTER UPDATE OF " + std::string(watched) + " ON " + std::string(table) +
         " BEGIN\n" + queue("old", true) + queue("new", false) + "END;\n" + prefix +
         "delete AFTER DELETE ON " + std::string(table) + " BEGIN\n" + queue("old", true) + "END;\n";
}

// Migration 13: the queues, and their triggers in place of those that wrote to the FTS5 tables.
const std::string& deferred_search_indexing() {
  static const std::string sql =
      std::string(kDeferredSearchIndexing) +
      search_queue_triggers("items", "title, description", "items_search_pending",
                            "item_id, title, description", "$.id, $.title, $.description") +
      search_queue_triggers("messages", "item_id, body", "messages_search_pending",
                            "message_id, item_id, body", "$.id, $.item_id, $.body");
  return sql;
}

// Moves the queued texts into the FTS5 tables, in the order they were queued.
constexpr std::string_view kIndexPendingItemTexts[] = {
    "INSERT INTO items_fts(items_fts, rowid, title, description) "
    "SELECT command, item_id, title, description FROM items_search_pending ORDER BY seq",
    "DELETE FROM items_search_pending",
};
constexpr std::string_view kIndexPendingMessageTexts[] = {
    "INSERT INTO messages_fts(messages_fts, rowid, body) "
    "SELECT command, message_id, body FROM messages_search_pending ORDER BY seq",
    "INSERT INTO item_messages_fts(item_messages_fts, rowid, body) "
    "SELECT command, (item_id << 32) | message_id, body FROM messages_search_pending ORDER BY seq",
    "DELETE FROM messages_search_pending",
};

// Time tracking: timers that survive a restart, timesheets with their approval and billing, hourly rates.
// A timesheet copies its item's project and organization so reports group on its own indexed columns.
constexpr std::string_view kTimeTracking = R"sql(
CREATE TABLE timers (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  state       TEXT NOT NULL CHECK (state IN ('running', 'paused')),
  started_at  INTEGER NOT NULL,           -- when the timer was first started
  resumed_at  INTEGER,                    -- while running: when the current run began
  elapsed_ms  INTEGER NOT NULL DEFAULT 0  -- measured before the current run
);
CREATE INDEX timers_by_user ON timers(user_id, state);

CREATE TABLE timesheets (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  project_id      INTEGER,                -- the item's project when written
  organization_id INTEGER,                -- the customer organization billed (see TimesheetService)
  user_id         INTEGER NOT NULL REFERENCES users(id),
  started_at      INTEGER NOT NULL,
  day             TEXT NOT NULL,          -- the UTC day of started_at, YYYY-MM-DD
  minutes         INTEGER NOT NULL CHECK (minutes > 0),
  billable        INTEGER NOT NULL DEFAULT 1,
  rate_cents      INTEGER NOT NULL DEFAULT 0,  -- the hourly rate in force when written
  amount_cents    INTEGER NOT NULL DEFAULT 0,  -- minutes * rate, 0 when not billable
  note            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
  reason          TEXT NOT NULL DEFAULT '',
  decided_by      INTEGER REFERENCES users(id),
  decided_at      INTEGER,
  invoiced_at     INTEGER,
  invoice_ref     TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
-- Covering indexes, each leading with columns reports group and filter on and ending with what they sum:
-- grouping on a prefix of one (in any order) reads it in order, without sorting the timesheets.
CREATE INDEX timesheets_by_day ON timesheets(day, organization_id, project_id, user_id, item_id,
  status, billable, invoiced_at, minutes, amount_cents);
CREATE INDEX timesheets_by_organization ON timesheets(organization_id, project_id, day, user_id, item_id,
  status, billable, invoiced_at, minutes, amount_cents);
CREATE INDEX timesheets_by_project ON timesheets(project_id, user_id, day, item_id, organization_id,
  status, billable, invoiced_at, minutes, amount_cents);
CREATE INDEX timesheets_by_user ON timesheets(user_id, day, project_id, item_id, organization_id,
  status, billable, invoiced_at, minutes, amount_cents);
CREATE INDEX timesheets_by_item ON timesheets(item_id, day, user_id, project_id, organization_id,
  status, billable, invoiced_at, minutes, amount_cents);

-- Hourly rates; 0 in a key column means "any". The most specific matching rate wins (hourly_rate_cents).
CREATE TABLE hourly_rates (
  user_id         INTEGER NOT NULL DEFAULT 0,
  project_id      INTEGER NOT NULL DEFAULT 0,
  organization_id INTEGER NOT NULL DEFAULT 0,
  rate_cents      INTEGER NOT NULL CHECK (rate_cents >= 0),
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (user_id, project_id, organization_id)
) WITHOUT ROWID;
)sql";

constexpr std::string_view kInboundMail = R"sql(
-- Inbound mail as it arrived, until a job has turned it into a ticket or a reply. The raw message is in the
-- content store (files/) under its SHA-256. dedup_key is "<Message-ID>" (or "sha256:<hex>" for a message
-- without one): a message delivered again finds its row and creates nothing new.
CREATE TABLE inbound_mail (
  id                      INTEGER PRIMARY KEY,
  dedup_key               TEXT NOT NULL UNIQUE,
  message_id              TEXT NOT NULL,
  sha256                  TEXT NOT NULL,
  size                    INTEGER NOT NULL,
  source                  TEXT NOT NULL,
  sender                  TEXT NOT NULL,
  recipients              TEXT NOT NULL CHECK (json_valid(recipients)),
  state                   TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  item_id                 INTEGER REFERENCES items(id) ON DELETE SET NULL,
  conversation_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  received_at             INTEGER NOT NULL,
  processed_at            INTEGER
);
-- The per-sender hourly limit counts a sender's recent messages.
CREATE INDEX inbound_mail_by_sender ON inbound_mail(sender, received_at);
)sql";

constexpr std::string_view kMessageReads = R"sql(
-- The last message of an item each internal user has read in the app: mail about a message goes to the
-- users who have not read it within the notify delay.
CREATE TABLE message_reads (
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id         INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  last_message_id INTEGER NOT NULL,
  read_at         INTEGER NOT NULL,
  PRIMARY KEY (user_id, item_id)
) WITHOUT ROWID;
-- An item's latest mail first: the References of the next one.
CREATE INDEX mail_message_ids_by_item_time ON mail_message_ids(item_id, created_at);
)sql";

constexpr std::string_view kPartiesOnItems = R"sql(
-- An item's requesters, followers and assignees as JSON arrays on its row, ordered as item_parties holds
-- them: reading an item looks nothing else up. item_parties stays the index that filters and policies use.
ALTER TABLE items ADD COLUMN requesters TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN followers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN assignees TEXT NOT NULL DEFAULT '[]';
UPDATE items SET
  requesters = (SELECT json_group_array(json_object('kind', party_kind, 'id', party_id)) FROM item_parties
                WHERE item_id = items.id AND role = 'requester'),
  followers = (SELECT json_group_array(json_object('kind', party_kind, 'id', party_id)) FROM item_parties
               WHERE item_id = items.id AND role = 'follower'),
  assignees = (SELECT json_group_array(json_object('kind', party_kind, 'id', party_id)) FROM item_parties
               WHERE item_id = items.id AND role = 'assignee')
WHERE id IN (SELECT item_id FROM item_parties);
)sql";

// FTS5 merges its segments once 8 are on one level rather than 4. Every commit group writes a new segment;
// with 4, indexing took about a fifth of the writer's time while items were being created, most of it
// merging. Searches read up to twice as many segments per level for it.
constexpr std::string_view kSearchMergeEvery8Segments = R"sql(
INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', 8);
INSERT INTO messages_fts(messages_fts, rank) VALUES ('automerge', 8);
INSERT INTO item_messages_fts(item_messages_fts, rank) VALUES ('automerge', 8);
)sql";

}  // namespace

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "foundation: users, sessions, api tokens, login failures, events, jobs", kFoundation},
      {2, "work items: teams, portfolios, projects, folders, types, statuses, items, messages, files, search",
       kWorkItems},
      {3, "search vocabulary: the indexed words of items and messages", kSearchVocabulary},
      {4,
       "customers and permissions: settings, app levels, private projects, project teams, join requests, "
       "organizations, customers, portal sessions and secrets, published items, access links",
       kCustomersAndPermissions},
      {5, "items by project and state: the index of filtered lists", kItemsByProjectState},
      {6, "mail threading: the Message-IDs of items and the key of reply addresses", kMailThreading},
      {7, "time tracking: timers, timesheets, hourly rates", kTimeTracking},
      {8, "inbound mail: raw messages stored before they are processed, deduplicated", kInboundMail},
      {9, "message reads: the last message of an item each user has read", kMessageReads},
      {10, "portal uploads: files a customer uploaded", kPortalUploads},
      {11, "languages: the language of each user's and customer's mail", kLanguages},
      {12, "messages indexed in item order: newest-first search stops at a full page", kItemMessagesSearch},
      {13, "deferred search indexing: texts queued by triggers, indexed once per commit group",
       deferred_search_indexing()},
      {14, "parties on items: requesters, followers and assignees as JSON on the item row", kPartiesOnItems},
      {15, "search merging: segments merge 8 at a time, so creating items rewrites the index less",
       kSearchMergeEvery8Segments},
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

// An FTS5 table written to at all writes its structure out at commit: with nothing queued, nothing is
// touched.
Status apply_pending_search_texts(Txn& txn) {
  TANDEM_ASSIGN(const auto queued, txn.one("SELECT EXISTS (SELECT 1 FROM items_search_pending), "
                                           "EXISTS (SELECT 1 FROM messages_search_pending)"));
  if (queued->int64(0))
    for (const std::string_view sql : kIndexPendingItemTexts) TANDEM_TRY(txn.exec(sql, {}));
  if (queued->int64(1))
    for (const std::string_view sql : kIndexPendingMessageTexts) TANDEM_TRY(txn.exec(sql, {}));
  return {};
}

Result<int> migrate(Database& db) {
  TANDEM_TRY(db.write([](Txn& txn) {
    return txn.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at INTEGER NOT NULL)");
  }));
  std::set<std::int64_t> done;
  TANDEM_TRY(db.read([&](Txn& txn) {
    return txn.exec("SELECT version FROM schema_migrations", {},
                    [&](const Row& row) { done.insert(row.int64(0)); });
  }));
  int applied = 0;
  for (const Migration& m : all_migrations()) {
    if (done.contains(m.version)) continue;
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
  db.set_before_commit(apply_pending_search_texts);
  return applied;
}

}  // namespace tandem::store
