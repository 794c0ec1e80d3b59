// What portfolios, projects and folders share: drag-and-drop order by a REAL `position` (ties broken by
// id), keyset pages over that order, and nesting through a `parent_id` column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/policy.h"
#include "store/database.h"

namespace tandem::store {

/// Where a page in (position, id) order starts: after this row.
struct PositionCursor {
  double position = 0;
  std::int64_t id = 0;
};

/// Tables whose rows nest through a `parent_id` column.
enum class NestedTable { portfolios, folders };

/// A bound value for an optional: NULL when empty.
template <typename T>
Value value_or_null(const std::optional<T>& value) {
  return value ? Value{*value} : Value{nullptr};
}

/// The parameters of `filter` as bound values.
std::vector<Value> filter_params(const SqlFilter& filter);

/// " AND (alias.position, alias.id) > (?, ?)" with its values appended to `params`, or "" without a cursor.
std::string after_position(std::string_view alias, const std::optional<PositionCursor>& after,
                           std::vector<Value>& params);

/// One past the largest `position` among the rows of `table` matching `where` (1 when none match).
Result<double> next_position(Txn& txn, std::string_view table, std::string_view where,
                             const std::vector<Value>& params);

/// True when `node` is `ancestor` itself or lies anywhere below it.
Result<bool> is_within(Txn& txn, NestedTable table, std::int64_t node, std::int64_t ancestor);

/// "WITH RECURSIVE down(id) AS (…)": the row bound to its one `?` and every row below it.
std::string subtree_cte(NestedTable table);

/// `root` and the ids of every row below it, root first.
Result<std::vector<std::int64_t>> subtree_ids(Txn& txn, NestedTable table, std::int64_t root);

}  // namespace tandem::store
