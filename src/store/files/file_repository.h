// Rows of uploaded files and of their attachments to items (directly or through a message).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/policy.h"
#include "store/database.h"

namespace tandem::store {

struct FileRow {
  std::int64_t id = 0;
  std::string sha256;  // lowercase hex of the content
  std::int64_t size = 0;
  std::string mime;                         // sniffed from the content
  std::string name;                         // sanitised
  std::optional<std::int64_t> uploaded_by;  // the user who uploaded it
  TimestampMs created_at = 0;
  std::optional<std::int64_t> uploaded_by_customer;  // the customer who uploaded it on the portal
};

struct AttachmentRow {
  FileRow file;
  std::int64_t item_id = 0;
  std::optional<std::int64_t> message_id;
  TimestampMs created_at = 0;
};

/// Inserts a file row and returns its id.
Result<std::int64_t> insert_file(Txn& txn, const FileRow& file);
/// Who reads a file: a user, a customer, or neither (0 for what it is not).
struct FileReader {
  std::int64_t user_id = 0;
  std::int64_t customer_id = 0;
};

/// The file `id` when the reader may read it: unattached and uploaded by `reader` itself, or attached to
/// an item that passes `visible_items` (a Policy::visible_items condition) directly or through a message,
/// the attachment passing `visible_messages` (a Policy::visible_messages condition on `m`, which is NULL
/// for a direct attachment); else nullopt.
Result<std::optional<FileRow>> find_readable_file(Txn& txn, std::int64_t id, const FileReader& reader,
                                                  const SqlFilter& visible_items,
                                                  const SqlFilter& visible_messages);
/// Attaches a file to an item (and to one of its messages when `message_id` is set). Errors: conflict when
/// the file is attached to that item already.
Status insert_attachment(Txn& txn, std::int64_t file_id, std::int64_t item_id,
                         std::optional<std::int64_t> message_id, TimestampMs now);
/// Every attachment of an item, oldest first.
Result<std::vector<AttachmentRow>> list_item_attachments(Txn& txn, std::int64_t item_id);
/// The attachments of an item's messages with ids from `first_message_id` to `last_message_id`, oldest
/// first.
Result<std::vector<AttachmentRow>> list_message_attachments(Txn& txn, std::int64_t item_id,
                                                            std::int64_t first_message_id,
                                                            std::int64_t last_message_id);

}  // namespace tandem::store
