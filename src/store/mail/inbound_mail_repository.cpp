#include "store/mail/inbound_mail_repository.h"

namespace tandem::store {

namespace {

Value optional_value(const std::optional<std::int64_t>& value) {
  return value ? Value{*value} : Value{nullptr};
}

}  // namespace

Result<std::optional<std::int64_t>> insert_inbound_mail(Txn& txn, const InboundMailRow& row) {
  std::optional<std::int64_t> id;
  TANDEM_TRY(txn.exec(
      "INSERT INTO inbound_mail(dedup_key, message_id, sha256, size, source, sender, recipients, state, "
      "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT(dedup_key) DO NOTHING RETURNING "
      "id",
      {row.dedup_key, row.message_id, row.sha256, row.size, row.source, row.sender, row.recipients,
       row.received_at},
      [&](const Row& r) { id = r.int64(0); }));
  return id;
}

Result<std::optional<InboundMailRow>> find_inbound_mail(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT id, dedup_key, message_id, sha256, size, source, sender, recipients, state, "
                        "item_id, conversation_message_id, received_at FROM inbound_mail WHERE id = ?",
                        {id}));
  if (!row) return std::optional<InboundMailRow>();
  return std::optional(InboundMailRow{row->int64(0), row->text(1), row->text(2), row->text(3), row->int64(4),
                                      row->text(5), row->text(6), row->text(7), row->text(8),
                                      row->opt_int64(9), row->opt_int64(10), row->int64(11)});
}

Result<std::int64_t> count_inbound_mail_since(Txn& txn, std::string_view sender, TimestampMs since) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT count(*) FROM inbound_mail WHERE sender = ? AND received_at >= ?",
                        {std::string(sender), since}));
  return row->int64(0);
}

Status finish_inbound_mail(Txn& txn, std::int64_t id, std::optional<std::int64_t> item_id,
                           std::optional<std::int64_t> message_id, TimestampMs now) {
  return txn.exec(
      "UPDATE inbound_mail SET state = 'done', item_id = ?, conversation_message_id = ?, processed_at = ? "
      "WHERE id = ?",
      {optional_value(item_id), optional_value(message_id), now, id});
}

Result<std::optional<std::int64_t>> item_of_message_ids(Txn& txn,
                                                        const std::vector<std::string>& message_ids) {
  for (const auto& message_id : message_ids) {
    TANDEM_ASSIGN(const auto row,
                  txn.one("SELECT item_id FROM mail_message_ids WHERE message_id = ?", {message_id}));
    if (row) return std::optional<std::int64_t>(row->int64(0));
  }
  return std::optional<std::int64_t>();
}

Result<bool> is_sent_message_id(Txn& txn, std::string_view message_id) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT 1 FROM mail_message_ids WHERE message_id = ? AND direction = 'out'",
                        {std::string(message_id)}));
  return row.has_value();
}

Status record_message_id(Txn& txn, std::string_view message_id, std::int64_t item_id,
                         std::optional<std::int64_t> conversation_message_id, std::string_view direction,
                         TimestampMs now) {
  return txn.exec(
      "INSERT INTO mail_message_ids(message_id, item_id, conversation_message_id, direction, created_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT(message_id) DO NOTHING",
      {std::string(message_id), item_id, optional_value(conversation_message_id), std::string(direction),
       now});
}

}  // namespace tandem::store
