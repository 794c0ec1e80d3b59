// What outgoing mail reads and writes: the item a notification is about, the people it goes to, the
// Message-IDs of the item's mail thread, and the last message each internal user has read on an item.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace tandem::store {

/// The fields of an item that notifications show.
struct MailItemRow {
  std::int64_t id = 0;
  std::int64_t number = 0;
  std::string title;
  std::string type;    // the item type's key: "ticket", "task", …
  std::string status;  // the status's name
};

/// A person mail may go to: a customer (its first email) or an internal user.
struct MailRecipientRow {
  std::string kind;  // "customer" or "user"
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::string language;  // of its mail: "en", "ru", or empty for the email settings' default
};

/// The item `item_id`, or nullopt when it does not exist.
Result<std::optional<MailItemRow>> find_mail_item(Txn& txn, std::int64_t item_id);
/// The active customers that are requesters or followers of the item and have an email, by id.
Result<std::vector<MailRecipientRow>> item_customer_recipients(Txn& txn, std::int64_t item_id);
/// The active internal users that are requesters, followers or assignees of the item itself, or members of
/// a team that is, each once, by id.
Result<std::vector<MailRecipientRow>> item_user_recipients(Txn& txn, std::int64_t item_id);

/// The Message-IDs of the item's mail, in and out, oldest first: the very first and the last `last`.
Result<std::vector<std::string>> item_mail_thread(Txn& txn, std::int64_t item_id, int last);
/// True when `message_id` is recorded as mail Tandem sent.
Result<bool> sent_mail_recorded(Txn& txn, const std::string& message_id);
/// Records a Message-ID Tandem sent for the item (and its conversation message, when there is one).
Status record_sent_mail(Txn& txn, const std::string& message_id, std::int64_t item_id,
                        std::optional<std::int64_t> conversation_message_id, TimestampMs now);

/// Notes that the user has read the item's messages up to `message_id` (a later mark never goes back).
Status mark_messages_read(Txn& txn, std::int64_t user_id, std::int64_t item_id, std::int64_t message_id,
                          TimestampMs now);
/// The last message of the item the user has read, 0 when none.
Result<std::int64_t> last_read_message(Txn& txn, std::int64_t user_id, std::int64_t item_id);

}  // namespace tandem::store
