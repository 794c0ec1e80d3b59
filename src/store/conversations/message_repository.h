// Rows of the conversation on an item: its messages (public replies and internal notes) and the earlier
// bodies of edited messages; plus whether the item is there for the actor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/policy.h"
#include "store/database.h"

namespace tandem::store {

struct MessageRow {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::string visibility;   // "public" or "internal"
  std::string author_kind;  // "user", "customer", "system"
  std::optional<std::int64_t> author_id;
  std::string author_name;  // read only: the user's or customer's name, or the author kind
  std::string body;         // Markdown
  std::string body_html;    // rendered when written
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  bool edited = false;
};

struct RevisionRow {
  std::int64_t id = 0;
  std::int64_t message_id = 0;
  std::string body;  // the body before the edit
  std::optional<std::int64_t> edited_by;
  TimestampMs edited_at = 0;
};

/// True when item `item_id` exists and passes `visible_items` (a Policy::visible_items condition).
Result<bool> item_visible(Txn& txn, std::int64_t item_id, const SqlFilter& visible_items);

/// Inserts a message (author_name is ignored) and returns its id.
Result<std::int64_t> insert_message(Txn& txn, const MessageRow& message);
/// The message `message_id` of item `item_id` when it passes `visible_messages` (a
/// Policy::visible_messages condition on `m`), or nullopt.
Result<std::optional<MessageRow>> find_message(Txn& txn, std::int64_t item_id, std::int64_t message_id,
                                               const SqlFilter& visible_messages);
/// The item's messages passing `visible_messages` with id > after_id, oldest first, at most `limit`.
Result<std::vector<MessageRow>> list_messages(Txn& txn, std::int64_t item_id, std::int64_t after_id,
                                              int limit, const SqlFilter& visible_messages);
/// Replaces a message's body, marks it edited and sets updated_at.
Status update_message_body(Txn& txn, std::int64_t message_id, const std::string& body,
                           const std::string& body_html, TimestampMs now);

/// Keeps a message's previous body.
Status insert_revision(Txn& txn, const RevisionRow& revision);
/// The message's earlier bodies with id > after_id, oldest first, at most `limit`.
Result<std::vector<RevisionRow>> list_revisions(Txn& txn, std::int64_t message_id, std::int64_t after_id,
                                                int limit);

}  // namespace tandem::store
