// Numbered schema migrations, applied in order at start; each runs once, in one transaction.
#pragma once

#include <string_view>
#include <vector>

#include "store/database.h"

namespace tandem::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// Every migration Tandem knows, in ascending version order.
const std::vector<Migration>& all_migrations();

/// Applies the migrations `db` has not seen yet, each in its own write transaction, and returns how many
/// ran; then has every commit group of `db` run apply_pending_search_texts. Errors: the failing migration's
/// error; earlier migrations stay applied.
Result<int> migrate(Database& db);

/// Indexes the item and message texts the search triggers queued in this transaction.
Status apply_pending_search_texts(Txn& txn);

/// The highest applied version (0 for a new database).
Result<int> schema_version(Database& db);

}  // namespace tandem::store
