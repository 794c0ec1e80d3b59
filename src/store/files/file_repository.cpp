#include "store/files/file_repository.h"

#include "store/items/item_repository.h"

namespace tandem::store {

namespace {

#define TANDEM_FILE_COLUMNS \
  "f.id, f.sha256, f.size, f.mime, f.name, f.uploaded_by, f.created_at, f.uploaded_by_customer"

FileRow file_from_row(const Row& row, std::size_t at = 0) {
  return FileRow{row.int64(at),    row.text(at + 1),      row.int64(at + 2), row.text(at + 3),
                 row.text(at + 4), row.opt_int64(at + 5), row.int64(at + 6), row.opt_int64(at + 7)};
}

Value optional_value(const std::optional<std::int64_t>& value) {
  return value ? Value(*value) : Value(nullptr);
}

Result<std::vector<AttachmentRow>> attachments(Txn& txn, std::string_view where, std::vector<Value> params) {
  std::vector<AttachmentRow> rows;
  TANDEM_TRY(txn.exec(std::string("SELECT " TANDEM_FILE_COLUMNS ", a.item_id, a.message_id, a.created_at "
                                  "FROM attachments a JOIN files f ON f.id = a.file_id WHERE ") +
                          std::string(where) + " ORDER BY a.id",
                      params, [&](const Row& row) {
                        rows.push_back({file_from_row(row), row.int64(8), row.opt_int64(9), row.int64(10)});
                      }));
  return rows;
}

}  // namespace

Result<std::int64_t> insert_file(Txn& txn, const FileRow& file) {
  return txn.insert(
      "INSERT INTO files(sha256, size, mime, name, uploaded_by, created_at, uploaded_by_customer) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {file.sha256, file.size, file.mime, file.name, optional_value(file.uploaded_by), file.created_at,
       optional_value(file.uploaded_by_customer)});
}

Result<std::optional<FileRow>> find_readable_file(Txn& txn, std::int64_t id, const FileReader& reader,
                                                  const SqlFilter& visible_items,
                                                  const SqlFilter& visible_messages) {
  std::vector<Value> params{id, reader.user_id, reader.customer_id};
  append_filter_params(params, visible_items);
  append_filter_params(params, visible_messages);
  auto row = txn.one("SELECT " TANDEM_FILE_COLUMNS
                     " FROM files f WHERE f.id = ? AND ("
                     "((f.uploaded_by = ? OR f.uploaded_by_customer = ?) AND NOT EXISTS (SELECT 1 FROM "
                     "attachments a WHERE a.file_id = f.id))"
                     " OR EXISTS (SELECT 1 FROM attachments a JOIN items ON items.id = a.item_id "
                     "LEFT JOIN messages m ON m.id = a.message_id WHERE a.file_id = f.id AND " +
                         visible_items.sql + " AND " + visible_messages.sql + "))",
                     params);
  if (!row.ok()) return std::move(row).error();
  if (!row.value()) return std::optional<FileRow>{};
  return std::optional(file_from_row(*row.value()));
}

Status insert_attachment(Txn& txn, std::int64_t file_id, std::int64_t item_id,
                         std::optional<std::int64_t> message_id, TimestampMs now) {
  Status status =
      txn.exec("INSERT INTO attachments(file_id, item_id, message_id, created_at) VALUES (?, ?, ?, ?)",
               {file_id, item_id, optional_value(message_id), now});
  if (!status.ok() && status.error().code == ErrorCode::conflict)
    return Error::make(ErrorCode::conflict,
                       "file " + std::to_string(file_id) + " is attached to this item already")
        .with("file_id", std::to_string(file_id));
  return status;
}

Result<std::vector<AttachmentRow>> list_item_attachments(Txn& txn, std::int64_t item_id) {
  return attachments(txn, "a.item_id = ?", {item_id});
}

Result<std::vector<AttachmentRow>> list_message_attachments(Txn& txn, std::int64_t item_id,
                                                            std::int64_t first_message_id,
                                                            std::int64_t last_message_id) {
  return attachments(txn, "a.item_id = ? AND a.message_id BETWEEN ? AND ?",
                     {item_id, first_message_id, last_message_id});
}

}  // namespace tandem::store
