#include "store/hierarchy/ordering.h"

namespace tandem::store {

namespace {

std::string_view table_name(NestedTable table) {
  switch (table) {
    case NestedTable::portfolios:
      return "portfolios";
    case NestedTable::folders:
      return "folders";
  }
  return "folders";
}

}  // namespace

std::vector<Value> filter_params(const SqlFilter& filter) {
  return std::vector<Value>(filter.params.begin(), filter.params.end());
}

std::string after_position(std::string_view alias, const std::optional<PositionCursor>& after,
                           std::vector<Value>& params) {
  if (!after) return "";
  params.emplace_back(after->position);
  params.emplace_back(after->id);
  const std::string a(alias);
  return " AND (" + a + ".position, " + a + ".id) > (?, ?)";
}

Result<double> next_position(Txn& txn, std::string_view table, std::string_view where,
                             const std::vector<Value>& params) {
  TANDEM_ASSIGN(auto row, txn.one("SELECT COALESCE(MAX(position), 0) + 1 FROM " + std::string(table) +
                                      " WHERE " + std::string(where),
                                  params));
  return row ? row->real(0) : 1.0;
}

Result<bool> is_within(Txn& txn, NestedTable table, std::int64_t node, std::int64_t ancestor) {
  const std::string t(table_name(table));
  // UNION (not UNION ALL) ends the walk even if stored rows were ever to form a loop.
  TANDEM_ASSIGN(auto row, txn.one("WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM " + t +
                                      " WHERE id = ? UNION SELECT t.id, t.parent_id FROM " + t +
                                      " t JOIN up ON t.id = up.parent_id) SELECT 1 FROM up WHERE id = ?",
                                  {node, ancestor}));
  return row.has_value();
}

std::string subtree_cte(NestedTable table) {
  return "WITH RECURSIVE down(id) AS (SELECT ? UNION SELECT t.id FROM " + std::string(table_name(table)) +
         " t JOIN down ON t.parent_id = down.id) ";
}

Result<std::vector<std::int64_t>> subtree_ids(Txn& txn, NestedTable table, std::int64_t root) {
  std::vector<std::int64_t> ids;
  TANDEM_TRY(txn.exec(subtree_cte(table) + "SELECT id FROM down", {root},
                      [&](const Row& row) { ids.push_back(row.int64(0)); }));
  return ids;
}

}  // namespace tandem::store
