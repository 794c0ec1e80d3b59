// An item as the API shows it, written from its row: the JSON every item endpoint and list returns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/database.h"

namespace tandem::store {

/// An item as its API JSON text, with the parts callers need without parsing it.
struct ItemJson {
  std::int64_t id = 0;
  std::int64_t number = 0;
  std::int64_t version = 0;
  std::string json;
  std::string type;  // the key of its item type ("ticket", "task", …)
};

/// `SELECT <the item's columns> FROM items JOIN item_types t …` — append `WHERE …`. The table is called
/// `items`, as `Policy::visible_items` expects.
std::string_view item_json_select();

/// The item in `row`, a row of a query started with `item_json_select()`, with its JSON.
ItemJson item_json_of(const Row& row);

}  // namespace tandem::store
