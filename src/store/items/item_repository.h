// Rows of work items and what hangs off them: parties (requesters, followers, assignees), tags and
// links. Items are read as JSON built by SQLite itself, so a read is one statement and no copying.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/policy.h"
#include "store/database.h"
#include "store/items/item_json.h"

namespace tandem::store {

/// A party on an item: who ("user", "team", "customer") and which one. Ordered by kind, then id.
struct Party {
  std::string kind;
  std::int64_t id = 0;
  friend auto operator<=>(const Party&, const Party&) = default;
};

/// `parties` ordered by kind and id, each once: the order items hold them in.
std::vector<Party> ordered_parties(std::vector<Party> parties);

/// Parties as the API shows them: `[{"kind":"user","id":3}, …]`, in the order given.
nlohmann::json parties_json(const std::vector<Party>& parties);

/// A column and the value to store in it.
using ColumnValue = std::pair<std::string, Value>;

/// Binds the values of `filter` after `params`.
void append_filter_params(std::vector<Value>& params, const SqlFilter& filter);
/// Reads the items of a query started with `item_json_select()`.
Result<std::vector<ItemJson>> query_items(Txn& txn, std::string_view sql, const std::vector<Value>& params);
/// The item with this id when `visible` lets it through, else nullopt.
Result<std::optional<ItemJson>> find_item(Txn& txn, std::int64_t id, const SqlFilter& visible);
/// The type key of the item with this id when `visible` lets it through, else nullopt.
Result<std::optional<std::string>> find_item_type(Txn& txn, std::int64_t id, const SqlFilter& visible);
/// The id of the item with this number when `visible` lets it through, with its type key.
Result<std::optional<std::pair<std::int64_t, std::string>>> find_item_by_number(Txn& txn, std::int64_t number,
                                                                                const SqlFilter& visible);

/// Takes the next item number; numbers are never reused.
Result<std::int64_t> next_item_number(Txn& txn);
/// Inserts an item row from trusted column names and returns its id.
Result<std::int64_t> insert_item(Txn& txn, const std::vector<ColumnValue>& columns);
/// Sets columns of an item, bumps its version and sets updated_at.
Status update_item(Txn& txn, std::int64_t id, const std::vector<ColumnValue>& columns, TimestampMs now);
/// Sets only updated_at (activity that is not a change of the item's fields).
Status touch_item(Txn& txn, std::int64_t id, TimestampMs now);

/// The parties of an item in one role ("requester", "follower", "assignee"), ordered.
Result<std::vector<Party>> item_parties(Txn& txn, std::int64_t item_id, std::string_view role);
/// Replaces the parties of an item in one role: the `item_parties` rows and the item's JSON column of that
/// role (`requesters`, `followers`, `assignees`), which hold them ordered and without repeats.
Status replace_item_parties(Txn& txn, std::int64_t item_id, std::string_view role,
                            const std::vector<Party>& parties);
/// Replaces the tags of an item (the `tags` JSON column and the `item_tags` index).
Status replace_item_tags(Txn& txn, std::int64_t item_id, const std::vector<std::string>& tags);
/// True when a row with this id exists in `table` ("users", "teams", "projects", …: trusted names only).
Result<bool> row_exists(Txn& txn, std::string_view table, std::int64_t id);
/// True when the user created the item or is one of its assignees, directly or through a team.
Result<bool> item_owned_by(Txn& txn, std::int64_t item_id, std::int64_t user_id);
/// Deletes the item: its children move up to its parent; its links, parties, tags, messages and
/// attachments go with it (the files stay). Its events stay as history.
Status delete_item(Txn& txn, std::int64_t id);

struct LinkRow {
  std::int64_t id = 0;
  std::int64_t from_item_id = 0;  // the predecessor for dependency kinds
  std::int64_t to_item_id = 0;    // the successor
  std::string kind;               // FS, SS, FF, SF or relates
  std::int64_t lag_minutes = 0;
  TimestampMs created_at = 0;
};

/// Inserts a link and returns its id. Errors: conflict when the same link exists.
Result<std::int64_t> insert_link(Txn& txn, const LinkRow& link);
/// The links touching an item, either end, in id order.
Result<std::vector<LinkRow>> item_links(Txn& txn, std::int64_t item_id);
/// One link by id, or nullopt.
Result<std::optional<LinkRow>> find_link(Txn& txn, std::int64_t link_id);
/// Deletes a link.
Status delete_link(Txn& txn, std::int64_t link_id);
/// True when `to` can already be reached from `from` by following dependency links forward.
Result<bool> dependency_path_exists(Txn& txn, std::int64_t from, std::int64_t to);
/// True when `ancestor` is `item` or one of its parents, grandparents, ….
Result<bool> is_ancestor_or_self(Txn& txn, std::int64_t ancestor, std::int64_t item);

}  // namespace tandem::store
