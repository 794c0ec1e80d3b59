#include "store/items/item_repository.h"

#include <algorithm>

namespace tandem::store {

namespace {

LinkRow link_of(const Row& row) {
  return {row.int64(0), row.int64(1), row.int64(2), row.text(3), row.int64(4), row.int64(5)};
}

constexpr std::string_view kLinkColumns =
    "SELECT id, from_item_id, to_item_id, kind, lag_minutes, created_at ";

// The id and type key of the item whose `column` (a unique column of items) is `key`, when `visible` lets
// it through.
Result<std::optional<std::pair<std::int64_t, std::string>>> item_and_type(Txn& txn, std::string_view column,
                                                                          std::int64_t key,
                                                                          const SqlFilter& visible) {
  std::vector<Value> params{key};
  append_filter_params(params, visible);
  TANDEM_ASSIGN(auto row,
                txn.one("SELECT items.id, t.key FROM items JOIN item_types t ON t.id = items.type_id "
                        "WHERE " +
                            std::string(column) + " = ? AND " + visible.sql,
                        params));
  if (!row) return std::optional<std::pair<std::int64_t, std::string>>();
  return std::optional<std::pair<std::int64_t, std::string>>(std::pair{row->int64(0), row->text(1)});
}

// The items column holding the parties of `role`.
Result<std::string_view> parties_column(std::string_view role) {
  if (role == "requester") return std::string_view("requesters");
  if (role == "follower") return std::string_view("followers");
  if (role == "assignee") return std::string_view("assignees");
  return Error{ErrorCode::internal, "no such party role", "party role " + std::string(role), {}};
}

}  // namespace

std::vector<Party> ordered_parties(std::vector<Party> parties) {
  std::sort(parties.begin(), parties.end());
  parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
  return parties;
}

nlohmann::json parties_json(const std::vector<Party>& parties) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& party : parties) out.push_back({{"kind", party.kind}, {"id", party.id}});
  return out;
}

void append_filter_params(std::vector<Value>& params, const SqlFilter& filter) {
  for (const std::int64_t value : filter.params) params.emplace_back(value);
}

Result<std::vector<ItemJson>> query_items(Txn& txn, std::string_view sql, const std::vector<Value>& params) {
  std::vector<ItemJson> items;
  TANDEM_TRY(txn.exec(sql, params, [&](const Row& row) { items.push_back(item_json_of(row)); }));
  return items;
}

Result<std::optional<ItemJson>> find_item(Txn& txn, std::int64_t id, const SqlFilter& visible) {
  std::vector<Value> params{id};
  append_filter_params(params, visible);
  TANDEM_ASSIGN(
      auto items,
      query_items(txn, std::string(item_json_select()) + "WHERE items.id = ? AND " + visible.sql, params));
  if (items.empty()) return std::optional<ItemJson>();
  return std::optional<ItemJson>(std::move(items.front()));
}

Result<std::optional<std::string>> find_item_type(Txn& txn, std::int64_t id, const SqlFilter& visible) {
  TANDEM_ASSIGN(const auto found, item_and_type(txn, "items.id", id, visible));
  if (!found) return std::optional<std::string>();
  return std::optional(found->second);
}

Result<std::optional<std::pair<std::int64_t, std::string>>> find_item_by_number(Txn& txn, std::int64_t number,
                                                                                const SqlFilter& visible) {
  return item_and_type(txn, "items.number", number, visible);
}

Result<std::int64_t> next_item_number(Txn& txn) {
  // Two statements: SQLite serves RETURNING through a temporary table opened for each statement.
  TANDEM_TRY(txn.exec("UPDATE counters SET value = value + 1 WHERE name = 'item_number'", {}));
  TANDEM_ASSIGN(auto row, txn.one("SELECT value FROM counters WHERE name = 'item_number'"));
  if (!row) return Error{ErrorCode::internal, "the item number counter is missing", "no counters row", {}};
  return row->int64(0);
}

Result<std::int64_t> insert_item(Txn& txn, const std::vector<ColumnValue>& columns) {
  std::string names, marks;
  std::vector<Value> values;
  for (const auto& [name, value] : columns) {
    names += (names.empty() ? "" : ", ") + name;
    marks += marks.empty() ? "?" : ", ?";
    values.push_back(value);
  }
  return txn.insert("INSERT INTO items(" + names + ") VALUES (" + marks + ")", values);
}

Status update_item(Txn& txn, std::int64_t id, const std::vector<ColumnValue>& columns, TimestampMs now) {
  std::string sets = "version = version + 1, updated_at = ?";
  std::vector<Value> values{now};
  for (const auto& [name, value] : columns) {
    sets += ", " + name + " = ?";
    values.push_back(value);
  }
  values.emplace_back(id);
  return txn.exec("UPDATE items SET " + sets + " WHERE id = ?", values);
}

Status touch_item(Txn& txn, std::int64_t id, TimestampMs now) {
  return txn.exec("UPDATE items SET updated_at = ? WHERE id = ?", {now, id});
}

Result<std::vector<Party>> item_parties(Txn& txn, std::int64_t item_id, std::string_view role) {
  std::vector<Party> parties;
  TANDEM_TRY(
      txn.exec("SELECT party_kind, party_id FROM item_parties WHERE item_id = ? AND role = ? "
               "ORDER BY party_kind, party_id",
               {item_id, std::string(role)}, [&](const Row& row) {
                 parties.push_back({row.text(0), row.int64(1)});
               }));
  return parties;
}

Status replace_item_parties(Txn& txn, std::int64_t item_id, std::string_view role,
                            const std::vector<Party>& parties) {
  TANDEM_ASSIGN(const std::string_view column, parties_column(role));
  const std::vector<Party> ordered = ordered_parties(parties);
  TANDEM_TRY(
      txn.exec("DELETE FROM item_parties WHERE item_id = ? AND role = ?", {item_id, std::string(role)}));
  for (const Party& party : ordered)
    TANDEM_TRY(txn.exec("INSERT INTO item_parties(item_id, role, party_kind, party_id) VALUES (?, ?, ?, ?)",
                        {item_id, std::string(role), party.kind, party.id}));
  return txn.exec("UPDATE items SET " + std::string(column) + " = ? WHERE id = ?",
                  {parties_json(ordered).dump(), item_id});
}

Status replace_item_tags(Txn& txn, std::int64_t item_id, const std::vector<std::string>& tags) {
  TANDEM_TRY(txn.exec("DELETE FROM item_tags WHERE item_id = ?", {item_id}));
  for (const auto& tag : tags)
    TANDEM_TRY(txn.exec("INSERT OR IGNORE INTO item_tags(item_id, tag) VALUES (?, ?)", {item_id, tag}));
  return txn.exec("UPDATE items SET tags = ? WHERE id = ?", {nlohmann::json(tags).dump(), item_id});
}

Result<bool> row_exists(Txn& txn, std::string_view table, std::int64_t id) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT 1 FROM " + std::string(table) + " WHERE id = ?", {id}));
  return row.has_value();
}

Result<bool> item_owned_by(Txn& txn, std::int64_t item_id, std::int64_t user_id) {
  TANDEM_ASSIGN(
      auto row,
      txn.one("SELECT 1 FROM items WHERE id = ?1 AND (created_by = ?2 OR EXISTS (SELECT 1 FROM "
              "item_parties ip WHERE ip.item_id = ?1 AND ip.role = 'assignee' AND ((ip.party_kind = "
              "'user' AND ip.party_id = ?2) OR (ip.party_kind = 'team' AND ip.party_id IN (SELECT "
              "team_id FROM team_members WHERE user_id = ?2)))))",
              {item_id, user_id}));
  return row.has_value();
}

Status delete_item(Txn& txn, std::int64_t id) {
  TANDEM_TRY(txn.exec(
      "UPDATE items SET parent_id = (SELECT parent_id FROM items WHERE id = ?1), version = version + 1 "
      "WHERE parent_id = ?1",
      {id}));
  return txn.exec("DELETE FROM items WHERE id = ?", {id});
}

Result<std::int64_t> insert_link(Txn& txn, const LinkRow& link) {
  TANDEM_ASSIGN(auto existing,
                txn.one("SELECT id FROM item_links WHERE from_item_id = ? AND to_item_id = ? AND kind = ?",
                        {link.from_item_id, link.to_item_id, link.kind}));
  if (existing) return Error::make(ErrorCode::conflict, "these items are already linked this way");
  return txn.insert(
      "INSERT INTO item_links(from_item_id, to_item_id, kind, lag_minutes, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {link.from_item_id, link.to_item_id, link.kind, link.lag_minutes, link.created_at});
}

Result<std::vector<LinkRow>> item_links(Txn& txn, std::int64_t item_id) {
  std::vector<LinkRow> links;
  TANDEM_TRY(txn.exec(
      std::string(kLinkColumns) + "FROM item_links WHERE from_item_id = ? OR to_item_id = ? ORDER BY id",
      {item_id, item_id}, [&](const Row& row) { links.push_back(link_of(row)); }));
  return links;
}

Result<std::optional<LinkRow>> find_link(Txn& txn, std::int64_t link_id) {
  TANDEM_ASSIGN(auto row, txn.one(std::string(kLinkColumns) + "FROM item_links WHERE id = ?", {link_id}));
  if (!row) return std::optional<LinkRow>();
  return std::optional<LinkRow>(link_of(*row));
}

Status delete_link(Txn& txn, std::int64_t link_id) {
  return txn.exec("DELETE FROM item_links WHERE id = ?", {link_id});
}

Result<bool> dependency_path_exists(Txn& txn, std::int64_t from, std::int64_t to) {
  TANDEM_ASSIGN(auto row,
                txn.one("WITH RECURSIVE reach(id) AS (SELECT ? UNION SELECT l.to_item_id FROM item_links l "
                        "JOIN reach r ON l.from_item_id = r.id WHERE l.kind <> 'relates') "
                        "SELECT 1 FROM reach WHERE id = ? LIMIT 1",
                        {from, to}));
  return row.has_value();
}

Result<bool> is_ancestor_or_self(Txn& txn, std::int64_t ancestor, std::int64_t item) {
  TANDEM_ASSIGN(auto row, txn.one("WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT i.parent_id FROM items i "
                                  "JOIN up ON i.id = up.id WHERE i.parent_id IS NOT NULL) "
                                  "SELECT 1 FROM up WHERE id = ? LIMIT 1",
                                  {item, ancestor}));
  return row.has_value();
}

}  // namespace tandem::store
