#include "store/time/time_report_repository.h"

#include <array>

#include "store/items/item_repository.h"

namespace tandem::store {

namespace {

// The stored columns a report groups on; week and month are computed from the day.
enum class Column { organization, project, user, item, day };
constexpr std::array<std::string_view, 5> kColumnNames = {"organization_id", "project_id", "user_id",
                                                          "item_id", "day"};
// How many groups a column tends to split rows into, to keep the inner grouping small.
constexpr std::array<int, 5> kColumnWeights = {1, 2, 3, 5, 4};

// The leading columns of the covering indexes (migration 7): grouping on a prefix of one of them (in any
// order) reads the index in order and needs no sorting of the timesheets.
constexpr std::array<std::array<Column, 5>, 5> kIndexChains = {{
    {Column::day, Column::organization, Column::project, Column::user, Column::item},
    {Column::organization, Column::project, Column::day, Column::user, Column::item},
    {Column::project, Column::user, Column::day, Column::item, Column::organization},
    {Column::user, Column::day, Column::project, Column::item, Column::organization},
    {Column::item, Column::day, Column::user, Column::project, Column::organization},
}};

Column column_of(TimeGrouping grouping) {
  switch (grouping) {
    case TimeGrouping::organization:
      return Column::organization;
    case TimeGrouping::project:
      return Column::project;
    case TimeGrouping::user:
      return Column::user;
    case TimeGrouping::item:
      return Column::item;
    case TimeGrouping::day:
    case TimeGrouping::week:
    case TimeGrouping::month:
      return Column::day;
  }
  return Column::day;
}

// A grouping's key over the inner groups (`i`), and the label of a group from its key `%K`.
struct GroupingSql {
  std::string_view key;
  std::string_view label;
};

GroupingSql grouping_sql(TimeGrouping grouping) {
  switch (grouping) {
    case TimeGrouping::organization:
      return {"i.organization_id", "COALESCE((SELECT name FROM organizations WHERE id = %K), '')"};
    case TimeGrouping::project:
      return {"i.project_id", "COALESCE((SELECT name FROM projects WHERE id = %K), '')"};
    case TimeGrouping::user:
      return {"i.user_id", "(SELECT name FROM users WHERE id = %K)"};
    case TimeGrouping::item:
      return {"i.item_id", "(SELECT '#' || number || ' ' || title FROM items WHERE id = %K)"};
    case TimeGrouping::day:
      return {"i.day", "%K"};
    case TimeGrouping::week:
      return {"date(i.day, 'weekday 0', '-6 days')", "%K"};
    case TimeGrouping::month:
      return {"substr(i.day, 1, 7)", "%K"};
  }
  return {"NULL", "''"};
}

// `label` with its key placeholder `%K` replaced by `column`.
std::string label_of(std::string_view label, const std::string& column) {
  std::string sql(label);
  for (std::size_t at = 0; (at = sql.find("%K", at)) != std::string::npos; at += column.size())
    sql.replace(at, 2, column);
  return sql;
}

bool keyed_by_id(TimeGrouping grouping) {
  return grouping != TimeGrouping::day && grouping != TimeGrouping::week && grouping != TimeGrouping::month;
}

// The stored columns the timesheets are first grouped on: the shortest prefix of an index chain that holds
// every column the groupings need, the one whose extra columns split the least. Empty without groupings.
std::vector<Column> inner_columns(const std::vector<TimeGrouping>& groupings) {
  std::array<bool, 5> needed{};
  std::size_t count = 0;
  for (const auto grouping : groupings) {
    auto& flag = needed[static_cast<std::size_t>(column_of(grouping))];
    count += flag ? 0 : 1;
    flag = true;
  }
  std::vector<Column> best;
  int best_cost = 0;
  for (const auto& chain : kIndexChains) {
    std::vector<Column> prefix;
    int cost = 0;
    std::size_t covered = 0;
    for (const Column column : chain) {
      if (covered == count) break;
      prefix.push_back(column);
      if (needed[static_cast<std::size_t>(column)])
        ++covered;
      else
        cost += kColumnWeights[static_cast<std::size_t>(column)];
    }
    if (best.empty() || cost < best_cost) {
      best = std::move(prefix);
      best_cost = cost;
    }
  }
  return count == 0 ? std::vector<Column>{} : best;
}

}  // namespace

Result<std::vector<TimeGroupRow>> group_timesheets(Txn& txn, const SqlFilter& visible,
                                                   const TimesheetFilter& filter,
                                                   const std::vector<TimeGrouping>& groupings) {
  // Inner: the matching timesheets grouped on stored columns along an index. Outer: those groups grouped
  // on the keys asked for (week and month computed from the day). Last: labels, looked up per group.
  std::string inner_keys;
  for (const Column column : inner_columns(groupings))
    inner_keys +=
        (inner_keys.empty() ? "" : ", ") + std::string(kColumnNames[static_cast<std::size_t>(column)]);
  std::string inner =
      "SELECT " + (inner_keys.empty() ? "" : inner_keys + ", ") +
      "SUM(minutes) AS minutes, SUM(CASE WHEN billable <> 0 THEN minutes ELSE 0 END) AS "
      "billable_minutes, SUM(amount_cents) AS amount_cents, COUNT(*) AS n FROM timesheets WHERE " +
      visible.sql;
  std::vector<Value> params;
  append_filter_params(params, visible);
  append_timesheet_filter(inner, params, filter);
  if (!inner_keys.empty()) inner += " GROUP BY " + inner_keys;

  std::string keys, labels, order;
  for (std::size_t i = 0; i < groupings.size(); ++i) {
    const GroupingSql g = grouping_sql(groupings[i]);
    const std::string column = "k" + std::to_string(i);
    keys += std::string(g.key) + " AS " + column + ", ";
    labels += label_of(g.label, "g." + column) + ", ";
    order += (order.empty() ? "" : ", ") + column;
  }
  std::string outer = "SELECT " + keys +
                      "SUM(i.minutes) AS minutes, SUM(i.billable_minutes) AS billable_minutes, "
                      "SUM(i.amount_cents) AS amount_cents, SUM(i.n) AS n FROM (" +
                      inner + ") i";
  if (!order.empty()) outer += " GROUP BY " + order;
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < groupings.size(); ++i) sql += "g.k" + std::to_string(i) + ", ";
  sql += labels + "g.minutes, g.billable_minutes, g.amount_cents, g.n FROM (" + outer + ") g WHERE g.n > 0";
  if (!order.empty()) sql += " ORDER BY " + order;

  std::vector<TimeGroupRow> groups;
  const std::size_t n = groupings.size();
  TANDEM_TRY(txn.exec(sql, params, [&](const Row& row) {
    TimeGroupRow group;
    for (std::size_t i = 0; i < n; ++i) {
      group.keys.push_back(row.is_null(i)              ? Value{nullptr}
                           : keyed_by_id(groupings[i]) ? Value{row.int64(i)}
                                                       : Value{row.text(i)});
      group.labels.push_back(row.text(n + i));
    }
    group.minutes = row.int64(2 * n);
    group.billable_minutes = row.int64(2 * n + 1);
    group.amount_cents = row.int64(2 * n + 2);
    group.count = row.int64(2 * n + 3);
    groups.push_back(std::move(group));
  }));
  return groups;
}

}  // namespace tandem::store
