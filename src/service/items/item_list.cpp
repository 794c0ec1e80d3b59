// ItemService::list_items: filters, sort, group counts and keyset cursors, turned into one SQL query
// with the Policy's visibility condition always applied.
#include <algorithm>
#include <array>
#include <charconv>

#include "core/calendar_date.h"
#include "core/policy.h"
#include "service/items/item_service.h"
#include "store/items/fts_query.h"

namespace tandem::service {

namespace {

using store::Value;

Error bad_parameter(const std::string& name, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", name);
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto part = text.substr(0, comma);
    if (!part.empty()) parts.emplace_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

std::optional<std::int64_t> whole(std::string_view text) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// A sortable column: its SQL, and the value NULLs sort as (so keyset comparisons stay total).
struct SortColumn {
  std::string_view name;
  std::string_view sql;
  bool numeric;
};

constexpr std::array kSortColumns = {
    SortColumn{"number", "items.number", true},
    SortColumn{"title", "items.title", false},
    SortColumn{"priority", "items.priority", true},
    SortColumn{"status_id", "items.status_id", true},
    SortColumn{"state", "items.state", false},
    SortColumn{"type", "items.type_id", true},
    SortColumn{"created_at", "items.created_at", true},
    SortColumn{"updated_at", "items.updated_at", true},
    SortColumn{"due_date", "COALESCE(items.due_date, '')", false},
    SortColumn{"planned_start", "COALESCE(items.planned_start, '')", false},
    SortColumn{"planned_finish", "COALESCE(items.planned_finish, '')", false},
    SortColumn{"percent_complete", "items.percent_complete", true},
    SortColumn{"points", "COALESCE(items.points, -1)", true},
    SortColumn{"position", "items.position", true},
    SortColumn{"project_id", "COALESCE(items.project_id, 0)", true},
};

struct GroupColumn {
  std::string_view name;
  std::string_view sql;
};

constexpr std::array kGroupColumns = {
    GroupColumn{"state", "items.state"},           GroupColumn{"status_id", "items.status_id"},
    GroupColumn{"priority", "items.priority"},     GroupColumn{"type", "t.key"},
    GroupColumn{"project_id", "items.project_id"}, GroupColumn{"folder_id", "items.folder_id"},
    GroupColumn{"source", "items.source"},
};

std::string to_hex(std::string_view text) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : text) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (ec != std::errc() || ptr != hex.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

// The WHERE clause being built, with its parameters.
struct Where {
  std::string sql = "1";
  std::vector<Value> params;

  void add(std::string condition, std::vector<Value> values = {}) {
    sql += " AND " + condition;
    for (auto& v : values) params.push_back(std::move(v));
  }
  // `column IN (?, ?, …)` for the values.
  void add_in(std::string_view column, std::vector<Value> values) {
    std::string marks;
    for (std::size_t i = 0; i < values.size(); ++i) marks += i ? ", ?" : "?";
    add(std::string(column) + " IN (" + marks + ")", std::move(values));
  }
};

Result<std::vector<Value>> ids_of(const std::string& name, const std::string& text) {
  std::vector<Value> ids;
  for (const auto& part : split_list(text)) {
    const auto id = whole(part);
    if (!id || *id <= 0) return bad_parameter(name, name + " must be a comma-separated list of ids");
    ids.emplace_back(*id);
  }
  if (ids.empty()) return bad_parameter(name, name + " must not be empty");
  return ids;
}

// A party filter value: "me", a user id, "team:ID" (assignees) or "none".
Status add_party_filter(Where& where, const Actor& actor, const std::string& name, std::string_view role,
                        const std::string& value) {
  if (value == "none") {
    where.add("NOT EXISTS (SELECT 1 FROM item_parties p WHERE p.item_id = items.id AND p.role = ?)",
              {std::string(role)});
    return {};
  }
  std::string kind = "user";
  std::optional<std::int64_t> id;
  if (value == "me")
    id = actor.user_id;
  else if (value.starts_with("team:"))
    kind = "team", id = whole(std::string_view(value).substr(5));
  else
    id = whole(value);
  if (!id || *id <= 0) return bad_parameter(name, name + " must be me, none, a user id or team:ID");
  where.add(
      "EXISTS (SELECT 1 FROM item_parties p WHERE p.item_id = items.id AND p.role = ? AND p.party_kind = ? "
      "AND p.party_id = ?)",
      {std::string(role), kind, *id});
  return {};
}

// An instant given as ISO-8601 or as a date (midnight UTC).
Result<std::int64_t> instant_of(const std::string& name, const std::string& text) {
  if (is_calendar_date(text))
    if (auto ms = parse_iso8601(text + "T00:00:00Z")) return *ms;
  if (auto ms = parse_iso8601(text)) return *ms;
  return bad_parameter(name, name + " must be a date or an ISO-8601 instant");
}

Status add_filter(Where& where, const Actor& actor, const std::string& name, const std::string& value) {
  if (name == "type") {
    std::vector<Value> keys;
    for (auto& key : split_list(value)) keys.emplace_back(std::move(key));
    if (keys.empty()) return bad_parameter(name, "type must name item types");
    where.add_in("t.key", std::move(keys));
  } else if (name == "project_id" || name == "parent_id") {
    if (value == "none")
      where.add("items." + name + " IS NULL");
    else {
      TANDEM_ASSIGN(auto ids, ids_of(name, value));
      where.add_in("items." + name, std::move(ids));
    }
  } else if (name == "folder_id") {
    TANDEM_ASSIGN(auto ids, ids_of(name, value));
    if (ids.size() != 1) return bad_parameter(name, "folder_id takes one folder");
    where.add(
        "items.folder_id IN (WITH RECURSIVE f(id) AS (SELECT ? UNION SELECT folders.id FROM folders "
        "JOIN f ON folders.parent_id = f.id) SELECT id FROM f)",
        std::move(ids));
  } else if (name == "portfolio_id") {
    TANDEM_ASSIGN(auto ids, ids_of(name, value));
    if (ids.size() != 1) return bad_parameter(name, "portfolio_id takes one portfolio");
    where.add(
        "items.project_id IN (SELECT project_id FROM portfolio_projects WHERE portfolio_id IN ("
        "WITH RECURSIVE p(id) AS (SELECT ? UNION SELECT portfolios.id FROM portfolios "
        "JOIN p ON portfolios.parent_id = p.id) SELECT id FROM p))",
        std::move(ids));
  } else if (name == "status_id" || name == "number") {
    TANDEM_ASSIGN(auto ids, ids_of(name, value));
    where.add_in("items." + name, std::move(ids));
  } else if (name == "state") {
    std::vector<Value> states;
    for (auto& state : split_list(value)) {
      if (state != "not_started" && state != "in_progress" && state != "finished")
        return bad_parameter(name, "state must be not_started, in_progress or finished");
      states.emplace_back(std::move(state));
    }
    if (states.empty()) return bad_parameter(name, "state must not be empty");
    where.add_in("items.state", std::move(states));
  } else if (name == "priority") {
    std::vector<Value> priorities;
    for (const auto& part : split_list(value)) {
      const auto p = whole(part);
      if (!p || *p < 0 || *p > 5) return bad_parameter(name, "priority must be a list of 0 to 5");
      priorities.emplace_back(*p);
    }
    if (priorities.empty()) return bad_parameter(name, "priority must not be empty");
    where.add_in("items.priority", std::move(priorities));
  } else if (name == "assignee" || name == "requester" || name == "follower") {
    TANDEM_TRY(add_party_filter(where, actor, name, name, value));
  } else if (name == "tag") {
    std::vector<Value> tags;
    for (auto& tag : split_list(value)) tags.emplace_back(std::move(tag));
    if (tags.empty()) return bad_parameter(name, "tag must not be empty");
    std::string marks;
    for (std::size_t i = 0; i < tags.size(); ++i) marks += i ? ", ?" : "?";
    where.add("EXISTS (SELECT 1 FROM item_tags g WHERE g.item_id = items.id AND g.tag IN (" + marks + "))",
              std::move(tags));
  } else if (name == "source") {
    std::vector<Value> sources;
    for (auto& source : split_list(value)) sources.emplace_back(std::move(source));
    if (sources.empty()) return bad_parameter(name, "source must not be empty");
    where.add_in("items.source", std::move(sources));
  } else if (name.starts_with("cf.")) {
    const std::string key = name.substr(3);
    if (key.empty() || key.size() > 64 || !std::all_of(key.begin(), key.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }))
      return bad_parameter(name, "cf.<key> names a custom field by its key");
    const std::string wanted = value == "true" ? "1" : value == "false" ? "0" : value;
    where.add("EXISTS (SELECT 1 FROM json_each(items.custom_fields, '$." + key +
                  "') j WHERE CAST(j.value AS TEXT) = ?)",
              {wanted});
  } else if (name == "q") {
    const std::string match = store::fts_match_expression(value);
    if (match.empty()) return bad_parameter(name, "q must contain a word");
    where.add("items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", {match});
  } else if (name == "created_after" || name == "created_before" || name == "updated_after" ||
             name == "updated_before") {
    TANDEM_ASSIGN(const std::int64_t ms, instant_of(name, value));
    const std::string column = name.starts_with("created") ? "items.created_at" : "items.updated_at";
    where.add(column + (name.ends_with("after") ? " >= ?" : " < ?"), {ms});
  } else if (name == "planned_from" || name == "planned_to" || name == "due_from" || name == "due_to") {
    if (!is_calendar_date(value)) return bad_parameter(name, name + " must be a date like 2026-01-31");
    if (name == "planned_from")
      where.add("items.planned_finish >= ?", {value});
    else if (name == "planned_to")
      where.add("items.planned_start <= ?", {value});
    else
      where.add(std::string("items.due_date ") + (name == "due_from" ? ">= ?" : "<= ?"), {value});
  } else {
    return bad_parameter(name, "there is no item filter " + name);
  }
  return {};
}

}  // namespace

Result<ItemPage> ItemService::list_items(const Actor& actor, const QueryParams& params) {
  Where where;
  const SortColumn* sort = &kSortColumns[7];  // updated_at
  bool descending = true;
  int limit = 50;
  std::string cursor, group_by;
  for (const auto& [name, value] : params) {
    if (name == "sort") {
      const std::string_view column = value.starts_with('-') ? std::string_view(value).substr(1) : value;
      const auto found = std::find_if(kSortColumns.begin(), kSortColumns.end(),
                                      [&](const auto& c) { return c.name == column; });
      if (found == kSortColumns.end()) return bad_parameter("sort", "cannot sort by " + std::string(column));
      sort = &*found;
      descending = value.starts_with('-');
    } else if (name == "limit") {
      const auto n = whole(value);
      if (!n || *n < 1 || *n > 200) return bad_parameter("limit", "limit must be from 1 to 200");
      limit = static_cast<int>(*n);
    } else if (name == "cursor") {
      cursor = value;
    } else if (name == "group_by") {
      group_by = value;
    } else {
      TANDEM_TRY(add_filter(where, actor, name, value));
    }
  }
  TANDEM_ASSIGN(const SqlFilter visible, visible_filter(actor));
  where.add(visible.sql);
  for (const std::int64_t p : visible.params) where.params.emplace_back(p);

  const GroupColumn* group = nullptr;
  if (!group_by.empty()) {
    const auto found = std::find_if(kGroupColumns.begin(), kGroupColumns.end(),
                                    [&](const auto& g) { return g.name == group_by; });
    if (found == kGroupColumns.end()) return bad_parameter("group_by", "cannot group by " + group_by);
    group = &*found;
  }

  Where page = where;
  if (!cursor.empty()) {
    const auto decoded = from_hex(cursor);
    const auto position = decoded ? nlohmann::json::parse(*decoded, nullptr, false) : nlohmann::json();
    if (!position.is_array() || position.size() != 2 || !position[1].is_number_integer() ||
        (sort->numeric ? !position[0].is_number() : !position[0].is_string()))
      return bad_parameter("cursor", "cursor is not one this list gave out");
    const Value key = sort->numeric
                          ? (position[0].is_number_integer() ? Value{position[0].get<std::int64_t>()}
                                                             : Value{position[0].get<double>()})
                          : Value{position[0].get<std::string>()};
    page.add("(" + std::string(sort->sql) + ", items.id) " + (descending ? "<" : ">") + " (?, ?)",
             {key, position[1].get<std::int64_t>()});
  }
  const std::string direction = descending ? " DESC" : "";
  const std::string sql = std::string(store::item_json_select()) + " WHERE " + page.sql + " ORDER BY " +
                          std::string(sort->sql) + direction + ", items.id" + direction + " LIMIT " +
                          std::to_string(limit + 1);
  ItemPage result;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(result.items, store::query_items(txn, sql, page.params));
    if (static_cast<int>(result.items.size()) > limit) {
      result.items.pop_back();
      // The key of the last row kept: read it again from the row that is now last.
      TANDEM_ASSIGN(auto key_row,
                    txn.one("SELECT " + std::string(sort->sql) + " FROM items WHERE items.id = ?",
                            {result.items.back().id}));
      nlohmann::json key = nullptr;
      if (sort->numeric) {
        if (key_row->real(0) == static_cast<double>(key_row->int64(0)))
          key = key_row->int64(0);
        else
          key = key_row->real(0);
      } else {
        key = key_row->text(0);
      }
      result.next_cursor = to_hex(nlohmann::json::array({key, result.items.back().id}).dump());
    }
    if (group) {
      nlohmann::json groups = nlohmann::json::array();
      TANDEM_TRY(txn.exec("SELECT " + std::string(group->sql) +
                              ", count(*) FROM items JOIN item_types t ON t.id = items.type_id WHERE " +
                              where.sql + " GROUP BY 1 ORDER BY 2 DESC",
                          where.params, [&](const store::Row& row) {
                            nlohmann::json value = nullptr;
                            if (!row.is_null(0))
                              value =
                                  group->name == "type" || group->name == "state" || group->name == "source"
                                      ? nlohmann::json(row.text(0))
                                      : nlohmann::json(row.int64(0));
                            groups.push_back({{"value", value}, {"count", row.int64(1)}});
                          }));
      result.groups = std::move(groups);
    }
    return {};
  }));
  return result;
}

}  // namespace tandem::service
