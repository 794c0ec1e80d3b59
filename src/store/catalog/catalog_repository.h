// Rows of item types and their lifecycle statuses: the vocabulary every item is described with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct ItemTypeRow {
  std::int64_t id = 0;
  std::string key;  // stable name, e.g. "ticket"
  std::string name;
  bool builtin = false;
  double position = 0;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

struct StatusRow {
  std::int64_t id = 0;
  std::int64_t type_id = 0;
  std::string name;
  std::string color;  // "#rrggbb"
  double position = 0;
  std::string state;  // not_started, in_progress, finished
};

// ---- item types
/// Every item type, in position order.
Result<std::vector<ItemTypeRow>> list_item_types(Txn& txn);
/// The item type with this id, or nullopt.
Result<std::optional<ItemTypeRow>> find_item_type(Txn& txn, std::int64_t id);
/// Inserts an item type and returns its id. Errors: conflict when the key is taken.
Result<std::int64_t> insert_item_type(Txn& txn, const ItemTypeRow& type);
/// Stores a type's name, position and updated_at.
Status update_item_type(Txn& txn, const ItemTypeRow& type);
/// Deletes an item type and its statuses.
Status delete_item_type(Txn& txn, std::int64_t id);
/// One more than the largest position of the item types (1 when there are none).
Result<double> next_item_type_position(Txn& txn);
/// How many items are of this type.
Result<std::int64_t> count_items_of_type(Txn& txn, std::int64_t type_id);

// ---- statuses
/// The statuses of one type (or of every type when nullopt), by type then position.
Result<std::vector<StatusRow>> list_statuses(Txn& txn, std::optional<std::int64_t> type_id);
/// The status with this id, or nullopt.
Result<std::optional<StatusRow>> find_status(Txn& txn, std::int64_t id);
/// Inserts a status and returns its id. Errors: conflict when its type has a status of that name.
Result<std::int64_t> insert_status(Txn& txn, const StatusRow& status);
/// Stores a status's name, color, position and state. Errors: conflict (name taken in its type).
Status update_status(Txn& txn, const StatusRow& status);
/// Deletes a status.
Status delete_status(Txn& txn, std::int64_t id);
/// One more than the largest position among the statuses of a type (1 when it has none).
Result<double> next_status_position(Txn& txn, std::int64_t type_id);
/// How many statuses a type has.
Result<std::int64_t> count_statuses_of_type(Txn& txn, std::int64_t type_id);
/// How many items are in this status.
Result<std::int64_t> count_items_in_status(Txn& txn, std::int64_t status_id);
/// Sets the denormalised `items.state` of every item in the status and bumps their versions (a new ETag);
/// returns how many changed.
Result<std::int64_t> set_state_of_items_in_status(Txn& txn, std::int64_t status_id, std::string_view state);

}  // namespace tandem::store
