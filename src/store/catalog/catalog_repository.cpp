#include "store/catalog/catalog_repository.h"

namespace tandem::store {

namespace {

#define TANDEM_TYPE_COLUMNS "id, key, name, builtin, position, created_at, updated_at"
#define TANDEM_STATUS_COLUMNS "id, type_id, name, color, position, state"

ItemTypeRow type_from_row(const Row& row) {
  return ItemTypeRow{row.int64(0), row.text(1),  row.text(2), row.int64(3) != 0,
                     row.real(4),  row.int64(5), row.int64(6)};
}

StatusRow status_from_row(const Row& row) {
  return StatusRow{row.int64(0), row.int64(1), row.text(2), row.text(3), row.real(4), row.text(5)};
}

// The single integer a counting query over one id answers.
Result<std::int64_t> count_of(Txn& txn, std::string_view sql, std::int64_t id) {
  TANDEM_ASSIGN(const auto row, txn.one(sql, {id}));
  return row ? row->int64(0) : 0;
}

// Renames the store's generic conflict so that a client learns what is taken.
Error with_conflict_message(Error error, std::string message) {
  if (error.code == ErrorCode::conflict) error.message = std::move(message);
  return error;
}

}  // namespace

Result<std::vector<ItemTypeRow>> list_item_types(Txn& txn) {
  std::vector<ItemTypeRow> types;
  TANDEM_TRY(txn.exec("SELECT " TANDEM_TYPE_COLUMNS " FROM item_types ORDER BY position, id", {},
                      [&](const Row& row) { types.push_back(type_from_row(row)); }));
  return types;
}

Result<std::optional<ItemTypeRow>> find_item_type(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(const auto row, txn.one("SELECT " TANDEM_TYPE_COLUMNS " FROM item_types WHERE id = ?", {id}));
  if (!row) return std::optional<ItemTypeRow>{};
  return std::optional(type_from_row(*row));
}

Result<std::int64_t> insert_item_type(Txn& txn, const ItemTypeRow& type) {
  auto id = txn.insert(
      "INSERT INTO item_types(key, name, builtin, position, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {type.key, type.name, std::int64_t{type.builtin ? 1 : 0}, type.position, type.created_at,
       type.updated_at});
  if (!id.ok()) return with_conflict_message(std::move(id).error(), "an item type with this key exists");
  return id;
}

Status update_item_type(Txn& txn, const ItemTypeRow& type) {
  return txn.exec("UPDATE item_types SET name = ?, position = ?, updated_at = ? WHERE id = ?",
                  {type.name, type.position, type.updated_at, type.id});
}

Status delete_item_type(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM item_types WHERE id = ?", {id});
}

Result<double> next_item_type_position(Txn& txn) {
  TANDEM_ASSIGN(const auto row, txn.one("SELECT COALESCE(MAX(position), 0) + 1 FROM item_types"));
  return row->real(0);
}

Result<std::int64_t> count_items_of_type(Txn& txn, std::int64_t type_id) {
  // Through the statuses, whose index on items is there already: an item's status is of its type.
  return count_of(txn,
                  "SELECT COUNT(*) FROM items WHERE status_id IN (SELECT id FROM statuses WHERE type_id = ?)",
                  type_id);
}

Result<std::vector<StatusRow>> list_statuses(Txn& txn, std::optional<std::int64_t> type_id) {
  std::vector<StatusRow> statuses;
  const auto collect = [&](const Row& row) { statuses.push_back(status_from_row(row)); };
  if (type_id)
    TANDEM_TRY(txn.exec("SELECT " TANDEM_STATUS_COLUMNS
                        " FROM statuses WHERE type_id = ? ORDER BY position, id",
                        {*type_id}, collect));
  else
    TANDEM_TRY(txn.exec("SELECT " TANDEM_STATUS_COLUMNS " FROM statuses ORDER BY type_id, position, id", {},
                        collect));
  return statuses;
}

Result<std::optional<StatusRow>> find_status(Txn& txn, std::int64_t id) {
  TANDEM_ASSIGN(const auto row, txn.one("SELECT " TANDEM_STATUS_COLUMNS " FROM statuses WHERE id = ?", {id}));
  if (!row) return std::optional<StatusRow>{};
  return std::optional(status_from_row(*row));
}

Result<std::int64_t> insert_status(Txn& txn, const StatusRow& status) {
  auto id = txn.insert("INSERT INTO statuses(type_id, name, color, position, state) VALUES (?, ?, ?, ?, ?)",
                       {status.type_id, status.name, status.color, status.position, status.state});
  if (!id.ok())
    return with_conflict_message(std::move(id).error(), "this item type has a status named " + status.name);
  return id;
}

Status update_status(Txn& txn, const StatusRow& status) {
  Status updated = txn.exec("UPDATE statuses SET name = ?, color = ?, position = ?, state = ? WHERE id = ?",
                            {status.name, status.color, status.position, status.state, status.id});
  if (!updated.ok())
    return with_conflict_message(std::move(updated).error(),
                                 "this item type has a status named " + status.name);
  return {};
}

Status delete_status(Txn& txn, std::int64_t id) {
  return txn.exec("DELETE FROM statuses WHERE id = ?", {id});
}

Result<double> next_status_position(Txn& txn, std::int64_t type_id) {
  TANDEM_ASSIGN(const auto row,
                txn.one("SELECT COALESCE(MAX(position), 0) + 1 FROM statuses WHERE type_id = ?", {type_id}));
  return row->real(0);
}

Result<std::int64_t> count_statuses_of_type(Txn& txn, std::int64_t type_id) {
  return count_of(txn, "SELECT COUNT(*) FROM statuses WHERE type_id = ?", type_id);
}

Result<std::int64_t> count_items_in_status(Txn& txn, std::int64_t status_id) {
  return count_of(txn, "SELECT COUNT(*) FROM items WHERE status_id = ?", status_id);
}

Result<std::int64_t> set_state_of_items_in_status(Txn& txn, std::int64_t status_id, std::string_view state) {
  TANDEM_TRY(txn.exec("UPDATE items SET state = ?, version = version + 1 WHERE status_id = ? AND state <> ?",
                      {std::string(state), status_id, std::string(state)}));
  return txn.changes();
}

}  // namespace tandem::store
