#include "store/seed/generated_work.h"

#include <nlohmann/json.hpp>

#include "store/items/item_repository.h"

namespace tandem::store {

Status insert_generated_items(Txn& txn, const std::vector<GeneratedItem>& items) {
  TANDEM_ASSIGN(auto counter, txn.one("SELECT value FROM counters WHERE name = 'item_number'"));
  std::int64_t number = counter->int64(0);
  for (const auto& item : items) {
    ++number;
    const TimestampMs at = item.created_at;
    TANDEM_ASSIGN(
        const std::int64_t id,
        txn.insert("INSERT INTO items(number, type_id, status_id, state, title, description, priority, "
                   "project_id, tags, assignees, source, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {number, item.type_id, item.status_id, item.state, item.title, item.description,
                    item.priority, item.project_id ? Value{item.project_id} : Value{nullptr}, item.tags_json,
                    parties_json(item.assignee_id ? std::vector<Party>{{"user", item.assignee_id}}
                                                  : std::vector<Party>{})
                        .dump(),
                    item.source, at, at}));
    if (item.assignee_id)
      TANDEM_TRY(
          txn.exec("INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (?, 'assignee', "
                   "'user', ?)",
                   {id, item.assignee_id}));
    for (const auto& tag : nlohmann::json::parse(item.tags_json))
      TANDEM_TRY(txn.exec("INSERT OR IGNORE INTO item_tags(item_id, tag) VALUES (?, ?)",
                          {id, tag.get<std::string>()}));
    for (const auto& message : item.messages)
      TANDEM_TRY(
          txn.exec("INSERT INTO messages(item_id, visibility, author_kind, author_id, body, body_html, "
                   "created_at, updated_at) VALUES (?, ?, 'user', ?, ?, ?, ?, ?)",
                   {id, message.visibility, message.author_id, message.body, message.body_html, at, at}));
  }
  return txn.exec("UPDATE counters SET value = ? WHERE name = 'item_number'", {number});
}

Result<std::int64_t> insert_generated_project(Txn& txn, const std::string& name, std::int64_t member_id,
                                              TimestampMs now) {
  TANDEM_ASSIGN(
      const std::int64_t id,
      txn.insert("INSERT INTO projects(name, created_at, updated_at) VALUES (?, ?, ?)", {name, now, now}));
  if (member_id)
    TANDEM_TRY(txn.exec("INSERT INTO project_members(project_id, user_id, role) VALUES (?, ?, 'standard')",
                        {id, member_id}));
  return id;
}

}  // namespace tandem::store
