// Rows of custom field definitions: fields admins add to items or projects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct CustomFieldRow {
  std::int64_t id = 0;
  std::string scope;  // "item" or "project"
  std::string key;    // stable name used in payloads
  std::string name;
  std::string kind;  // text, number, date, choice, multi_choice, checkbox, user
  std::vector<std::string> choices;
  bool required = false;
  double position = 0;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

/// The definitions of one scope ("item" or "project"), in position order.
Result<std::vector<CustomFieldRow>> list_custom_fields(Txn& txn, std::string_view scope);
/// The definitions of every scope, by scope then position.
Result<std::vector<CustomFieldRow>> list_all_custom_fields(Txn& txn);
/// The definition with this id, or nullopt.
Result<std::optional<CustomFieldRow>> find_custom_field(Txn& txn, std::int64_t id);
/// Inserts a definition and returns its id. Errors: conflict when its scope has a field with that key.
Result<std::int64_t> insert_custom_field(Txn& txn, const CustomFieldRow& field);
/// Stores a definition's name, choices, required flag, position and updated_at.
Status update_custom_field(Txn& txn, const CustomFieldRow& field);
/// Deletes a definition.
Status delete_custom_field(Txn& txn, std::int64_t id);
/// One more than the largest position among the definitions of a scope (1 when it has none).
Result<double> next_custom_field_position(Txn& txn, std::string_view scope);
/// Removes the value under `key` from every item ("item" scope) or project ("project" scope) holding
/// one; returns how many rows changed. `key` must be a valid field key (letters, digits, underscores).
Result<std::int64_t> clear_custom_field_values(Txn& txn, std::string_view scope, std::string_view key);

}  // namespace tandem::store
