// Bulk loading of generated items and messages, for demo data and benchmarks: plain inserts without
// events, many per transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct GeneratedMessage {
  std::string visibility;  // "public" or "internal"
  std::int64_t author_id = 0;
  std::string body;
  std::string body_html;
};

struct GeneratedItem {
  std::int64_t type_id = 1;
  std::int64_t status_id = 1;
  std::string state;
  std::string title;
  std::string description;
  std::int64_t priority = 0;
  std::int64_t project_id = 0;   // 0 = outside any project
  std::int64_t assignee_id = 0;  // 0 = nobody
  std::string tags_json = "[]";
  std::string source = "email";
  TimestampMs created_at = 0;
  std::vector<GeneratedMessage> messages;
};

/// Inserts the items with the next item numbers (advancing the counter), their assignee, tags and
/// messages. Writable transaction.
Status insert_generated_items(Txn& txn, const std::vector<GeneratedItem>& items);
/// Inserts a project with the given name and makes `member_id` a standard member (0 = nobody); returns
/// its id.
Result<std::int64_t> insert_generated_project(Txn& txn, const std::string& name, std::int64_t member_id,
                                              TimestampMs now);

}  // namespace tandem::store
