// The plain fields of an item as the API names them, and how a JSON value for each is checked and
// turned into what the `items` table stores. Relations (type, status, project, parties, …) are checked
// by ItemService against the store.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "store/database.h"

namespace tandem::service {

/// True when `name` is a plain item field stored in the column of the same name.
bool is_plain_item_field(std::string_view name);
/// Checks `value` for the plain field `name` and returns the value to store (NULL for a cleared
/// optional field). Errors: validation_failed with details.field = name.
Result<store::Value> plain_item_value(std::string_view name, const nlohmann::json& value);
/// True for the item sources: email, portal, form, chat, api, import, agent.
bool is_item_source(std::string_view source);
/// True for fields that a client may send back unchanged but never sets (id, number, version, …).
bool is_read_only_item_field(std::string_view name);

}  // namespace tandem::service
