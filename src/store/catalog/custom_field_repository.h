// Rows of custom field definitions: fields admins add to items or projects.
#pragma once

#include <cstdint>
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

}  // namespace tandem::store
