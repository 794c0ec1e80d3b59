// Inbound mail as it arrived (the raw message is in the content store under its SHA-256) until a job has
// turned it into a ticket or a reply, and the Message-IDs that thread later mail onto items.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

struct InboundMailRow {
  std::int64_t id = 0;
  std::string dedup_key;   // "<message-id>", or "sha256:<hex>" for a message without one
  std::string message_id;  // without <>; empty when the message has none
  std::string sha256;      // of the raw message, lowercase hex
  std::int64_t size = 0;
  std::string source;      // "lmtp", "smtp", "mail-gate", "imap:<host>"
  std::string sender;      // envelope sender, else the From address; lower case, may be empty
  std::string recipients;  // JSON array of envelope recipients
  std::string state;       // "pending" until processed, then "done"
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> conversation_message_id;
  TimestampMs received_at = 0;
};

/// Inserts the row unless its dedup_key is taken; returns the new id, or nullopt for a duplicate.
Result<std::optional<std::int64_t>> insert_inbound_mail(Txn& txn, const InboundMailRow& row);
/// The row with this id, or nullopt.
Result<std::optional<InboundMailRow>> find_inbound_mail(Txn& txn, std::int64_t id);
/// How many messages from `sender` arrived at or after `since`.
Result<std::int64_t> count_inbound_mail_since(Txn& txn, std::string_view sender, TimestampMs since);
/// Marks the row processed into `item_id` (and `message_id` of its conversation, when one was written).
Status finish_inbound_mail(Txn& txn, std::int64_t id, std::optional<std::int64_t> item_id,
                           std::optional<std::int64_t> message_id, TimestampMs now);

/// The item of the first of `message_ids` (in their order) found in mail_message_ids, or nullopt.
Result<std::optional<std::int64_t>> item_of_message_ids(Txn& txn,
                                                        const std::vector<std::string>& message_ids);
/// Whether `message_id` is one Tandem sent (direction 'out').
Result<bool> is_sent_message_id(Txn& txn, std::string_view message_id);
/// Records a Message-ID of the item (an id already recorded stays as it is).
Status record_message_id(Txn& txn, std::string_view message_id, std::int64_t item_id,
                         std::optional<std::int64_t> conversation_message_id, std::string_view direction,
                         TimestampMs now);

}  // namespace tandem::store
