// The conversation on an item: public replies and internal notes in Markdown, their edits (earlier bodies
// are kept), and files attached to the item directly or through a message. Every change is an event on the
// item, so together they make its history.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "service/settings/module_service.h"
#include "store/conversations/message_repository.h"
#include "store/database.h"
#include "store/files/file_repository.h"

namespace tandem::service {

struct NewMessage {
  std::string body;        // Markdown, at most 100,000 characters; may be blank only with files
  std::string visibility;  // required: "public" (a reply the customer sees) or "internal" (a note)
  std::vector<std::int64_t> file_ids;  // files the actor may read, attached with the message
};

/// A message with the files attached through it.
struct MessageView {
  store::MessageRow message;
  std::vector<store::FileRow> attachments;
};

class ConversationService {
 public:
  /// The messages and files of items whose module `modules` switches off answer module_disabled.
  ConversationService(store::Database& db, const Clock& clock, ModuleService& modules)
      : db_(db), clock_(clock), modules_(modules) {}

  /// The item's messages with id > after_id, oldest first, at most `limit` (1..200); an internal user has
  /// read them from then on (see MailOutbox). Errors: not_found (no such item, or the actor may not see it).
  Result<std::vector<MessageView>> list_messages(const Actor& actor, std::int64_t item_id,
                                                 std::int64_t after_id, int limit);
  /// One message of the item. Errors: not_found.
  Result<MessageView> get_message(const Actor& actor, std::int64_t item_id, std::int64_t message_id);
  /// Adds a message, attaches its files, marks activity on the item (updated_at, not its version),
  /// records `item.message_added` and `item.attachment_added` per file and enqueues the mail it causes
  /// (enqueue_message_mail). Errors: not_found (item),
  /// validation_failed (details.field: visibility, body or file_ids), conflict (a file is attached already).
  Result<MessageView> post_message(const Actor& actor, std::int64_t item_id, const NewMessage& input);
  /// post_message inside the caller's write transaction `txn`, at instant `now`, also attaching `own_files`:
  /// files rows the calling channel inserted itself in `txn` (e.g. a mail's attachments), not checked against
  /// what the actor may read. Errors as post_message.
  Result<MessageView> post_message(store::Txn& txn, const Actor& actor, std::int64_t item_id,
                                   const NewMessage& input, const std::vector<store::FileRow>& own_files,
                                   TimestampMs now);
  /// Replaces a message's body, keeping the previous one as a revision, and records `item.message_edited`.
  /// An unchanged body changes nothing. Errors: not_found, forbidden (neither its author nor an admin),
  /// validation_failed (details.field = body).
  Result<MessageView> edit_message(const Actor& actor, std::int64_t item_id, std::int64_t message_id,
                                   const std::string& body);
  /// A message's earlier bodies with id > after_id, oldest first, at most `limit` (1..200). Errors:
  /// not_found.
  Result<std::vector<store::RevisionRow>> list_revisions(const Actor& actor, std::int64_t item_id,
                                                         std::int64_t message_id, std::int64_t after_id,
                                                         int limit);
  /// Every file attached to the item, directly or through a message, oldest first. Errors: not_found.
  Result<std::vector<store::AttachmentRow>> list_attachments(const Actor& actor, std::int64_t item_id);
  /// Attaches a file the actor may read to the item it may change, and records `item.attachment_added`.
  /// Errors: not_found (item), forbidden (Policy::can_change_item refuses), validation_failed
  /// (details.field = file_id), conflict (attached already).
  Result<store::AttachmentRow> attach_file(const Actor& actor, std::int64_t item_id, std::int64_t file_id);

 private:
  store::Database& db_;
  const Clock& clock_;
  ModuleService& modules_;
};

}  // namespace tandem::service
