#include "store/conversations/message_repository.h"

#include "store/items/item_repository.h"

namespace tandem::store {

namespace {

#define TANDEM_MESSAGE_COLUMNS                                                                           \
  "m.id, m.item_id, m.visibility, m.author_kind, m.author_id, COALESCE(u.name, c.name, m.author_kind), " \
  "m.body, m.body_html, m.created_at, m.updated_at, m.edited FROM messages m "                           \
  "LEFT JOIN users u ON m.author_kind = 'user' AND u.id = m.author_id "                                  \
  "LEFT JOIN customers c ON m.author_kind = 'customer' AND c.id = m.author_id"

MessageRow message_from_row(const Row& row) {
  return MessageRow{row.int64(0), row.int64(1), row.text(2),  row.text(3),  row.opt_int64(4),  row.text(5),
                    row.text(6),  row.text(7),  row.int64(8), row.int64(9), row.int64(10) != 0};
}

Value optional_value(const std::optional<std::int64_t>& value) {
  return value ? Value(*value) : Value(nullptr);
}

}  // namespace

Result<bool> item_visible(Txn& txn, std::int64_t item_id, const SqlFilter& visible_items) {
  std::vector<Value> params{item_id};
  append_filter_params(params, visible_items);
  auto row = txn.one("SELECT 1 FROM items WHERE items.id = ? AND " + visible_items.sql, params);
  if (!row.ok()) return std::move(row).error();
  return row.value().has_value();
}

Result<std::int64_t> insert_message(Txn& txn, const MessageRow& message) {
  return txn.insert(
      "INSERT INTO messages(item_id, visibility, author_kind, author_id, body, body_html, created_at, "
      "updated_at, "
      "edited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {message.item_id, message.visibility, message.author_kind, optional_value(message.author_id),
       message.body, message.body_html, message.created_at, message.updated_at,
       std::int64_t{message.edited ? 1 : 0}});
}

Result<std::optional<MessageRow>> find_message(Txn& txn, std::int64_t item_id, std::int64_t message_id,
                                               const SqlFilter& visible_messages) {
  std::vector<Value> params{message_id, item_id};
  append_filter_params(params, visible_messages);
  auto row = txn.one(
      "SELECT " TANDEM_MESSAGE_COLUMNS " WHERE m.id = ? AND m.item_id = ? AND " + visible_messages.sql,
      params);
  if (!row.ok()) return std::move(row).error();
  if (!row.value()) return std::optional<MessageRow>{};
  return std::optional(message_from_row(*row.value()));
}

Result<std::vector<MessageRow>> list_messages(Txn& txn, std::int64_t item_id, std::int64_t after_id,
                                              int limit, const SqlFilter& visible_messages) {
  std::vector<MessageRow> messages;
  std::vector<Value> params{item_id, after_id};
  append_filter_params(params, visible_messages);
  params.emplace_back(std::int64_t{limit});
  TANDEM_TRY(txn.exec("SELECT " TANDEM_MESSAGE_COLUMNS " WHERE m.item_id = ? AND m.id > ? AND " +
                          visible_messages.sql + " ORDER BY m.id LIMIT ?",
                      params, [&](const Row& row) { messages.push_back(message_from_row(row)); }));
  return messages;
}

Status update_message_body(Txn& txn, std::int64_t message_id, const std::string& body,
                           const std::string& body_html, TimestampMs now) {
  return txn.exec("UPDATE messages SET body = ?, body_html = ?, edited = 1, updated_at = ? WHERE id = ?",
                  {body, body_html, now, message_id});
}

Status insert_revision(Txn& txn, const RevisionRow& revision) {
  return txn.exec(
      "INSERT INTO message_revisions(message_id, body, edited_by, edited_at) VALUES (?, ?, ?, ?)",
      {revision.message_id, revision.body, optional_value(revision.edited_by), revision.edited_at});
}

Result<std::vector<RevisionRow>> list_revisions(Txn& txn, std::int64_t message_id, std::int64_t after_id,
                                                int limit) {
  std::vector<RevisionRow> revisions;
  TANDEM_TRY(
      txn.exec("SELECT id, message_id, body, edited_by, edited_at FROM message_revisions "
               "WHERE message_id = ? AND id > ? ORDER BY id LIMIT ?",
               {message_id, after_id, std::int64_t{limit}}, [&](const Row& row) {
                 revisions.push_back(
                     RevisionRow{row.int64(0), row.int64(1), row.text(2), row.opt_int64(3), row.int64(4)});
               }));
  return revisions;
}

}  // namespace tandem::store
