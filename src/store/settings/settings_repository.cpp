#include "store/settings/settings_repository.h"

namespace tandem::store {

Result<std::optional<std::string>> load_setting(Txn& txn, std::string_view key) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT value FROM settings WHERE key = ?", {std::string(key)}));
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>{row->text(0)};
}

Status store_setting(Txn& txn, std::string_view key, std::string_view json, TimestampMs now) {
  return txn.exec(
      "INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      {std::string(key), std::string(json), now});
}

}  // namespace tandem::store
