#include "store/email_out/mail_out_repository.h"

#include <algorithm>

namespace tandem::store {

namespace {

std::vector<MailRecipientRow> recipients_of(const std::vector<Row>& rows, const char* kind) {
  std::vector<MailRecipientRow> recipients;
  for (const auto& row : rows)
    recipients.push_back({kind, row.int64(0), row.text(1), row.text(2), row.opt_text(3).value_or("")});
  return recipients;
}

}  // namespace

Result<std::optional<MailItemRow>> find_mail_item(Txn& txn, std::int64_t item_id) {
  TANDEM_ASSIGN(const auto row, txn.one("SELECT i.id, i.number, i.title, t.key, s.name FROM items i "
                                        "JOIN item_types t ON t.id = i.type_id "
                                        "JOIN statuses s ON s.id = i.status_id WHERE i.id = ?",
                                        {item_id}));
  if (!row) return std::optional<MailItemRow>{};
  return std::optional(MailItemRow{row->int64(0), row->int64(1), row->text(2), row->text(3), row->text(4)});
}

Result<std::vector<MailRecipientRow>> item_customer_recipients(Txn& txn, std::int64_t item_id) {
  TANDEM_ASSIGN(
      const auto rows,
      txn.all("SELECT DISTINCT c.id, c.name, "
              " (SELECT e.email FROM customer_emails e WHERE e.customer_id = c.id "
              "  ORDER BY e.position, e.email LIMIT 1) AS email, c.language "
              "FROM item_parties p JOIN customers c ON c.id = p.party_id "
              "WHERE p.item_id = ? AND p.party_kind = 'customer' AND p.role IN ('requester', 'follower') "
              "AND c.active = 1 AND email IS NOT NULL ORDER BY c.id",
              {item_id}));
  return recipients_of(rows, "customer");
}

Result<std::vector<MailRecipientRow>> item_user_recipients(Txn& txn, std::int64_t item_id) {
  TANDEM_ASSIGN(
      const auto rows,
      txn.all("SELECT u.id, u.name, u.email, u.language FROM users u WHERE u.active = 1 AND u.id IN ("
              " SELECT p.party_id FROM item_parties p WHERE p.item_id = ? AND p.party_kind = 'user' "
              " UNION SELECT m.user_id FROM item_parties p JOIN team_members m ON m.team_id = p.party_id "
              " WHERE p.item_id = ? AND p.party_kind = 'team') "
              "ORDER BY u.id",
              {item_id, item_id}));
  return recipients_of(rows, "user");
}

Result<std::vector<std::string>> item_mail_thread(Txn& txn, std::int64_t item_id, int last) {
  std::vector<std::string> ids;
  TANDEM_TRY(
      txn.exec("SELECT message_id FROM mail_message_ids WHERE item_id = ? "
               "ORDER BY created_at DESC, message_id DESC LIMIT ?",
               {item_id, std::int64_t{last}}, [&](const Row& row) { ids.push_back(row.text(0)); }));
  TANDEM_ASSIGN(const auto first, txn.one("SELECT message_id FROM mail_message_ids WHERE item_id = ? "
                                          "ORDER BY created_at, message_id LIMIT 1",
                                          {item_id}));
  if (first && std::find(ids.begin(), ids.end(), first->text(0)) == ids.end()) ids.push_back(first->text(0));
  std::reverse(ids.begin(), ids.end());
  return ids;
}

Result<bool> sent_mail_recorded(Txn& txn, const std::string& message_id) {
  TANDEM_ASSIGN(
      const auto row,
      txn.one("SELECT 1 FROM mail_message_ids WHERE message_id = ? AND direction = 'out'", {message_id}));
  return row.has_value();
}

Status record_sent_mail(Txn& txn, const std::string& message_id, std::int64_t item_id,
                        std::optional<std::int64_t> conversation_message_id, TimestampMs now) {
  return txn.exec(
      "INSERT OR IGNORE INTO mail_message_ids(message_id, item_id, conversation_message_id, direction, "
      "created_at) VALUES (?, ?, ?, 'out', ?)",
      {message_id, item_id, conversation_message_id ? Value(*conversation_message_id) : Value(nullptr), now});
}

Status mark_messages_read(Txn& txn, std::int64_t user_id, std::int64_t item_id, std::int64_t message_id,
                          TimestampMs now) {
  return txn.exec(
      "INSERT INTO message_reads(user_id, item_id, last_message_id, read_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(user_id, item_id) DO UPDATE SET last_message_id = excluded.last_message_id, "
      "read_at = excluded.read_at WHERE excluded.last_message_id > message_reads.last_message_id",
      {user_id, item_id, message_id, now});
}

Result<std::int64_t> last_read_message(Txn& txn, std::int64_t user_id, std::int64_t item_id) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT last_message_id FROM message_reads WHERE user_id = ? AND item_id = ?",
                        {user_id, item_id}));
  return row ? row->int64(0) : std::int64_t{0};
}

}  // namespace tandem::store
