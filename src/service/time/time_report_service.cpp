#include "service/time/time_report_service.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "core/policy.h"
#include "service/hierarchy/hierarchy_rules.h"
#include "service/time/time_rules.h"

namespace tandem::service {

namespace {

constexpr std::array<std::pair<std::string_view, store::TimeGrouping>, 7> kGroupings = {{
    {"organization", store::TimeGrouping::organization},
    {"project", store::TimeGrouping::project},
    {"user", store::TimeGrouping::user},
    {"item", store::TimeGrouping::item},
    {"day", store::TimeGrouping::day},
    {"week", store::TimeGrouping::week},
    {"month", store::TimeGrouping::month},
}};

std::string_view name_of(store::TimeGrouping grouping) {
  for (const auto& [name, g] : kGroupings)
    if (g == grouping) return name;
  return "";
}

// Sums of a group.
struct Sums {
  std::int64_t minutes = 0, billable_minutes = 0, amount_cents = 0, count = 0;
  void add(const Sums& other) {
    minutes += other.minutes;
    billable_minutes += other.billable_minutes;
    amount_cents += other.amount_cents;
    count += other.count;
  }
};

nlohmann::json sums_json(const Sums& s) {
  return {{"minutes", s.minutes},
          {"hours", static_cast<double>(s.minutes) / 60.0},
          {"billable_minutes", s.billable_minutes},
          {"billable_hours", static_cast<double>(s.billable_minutes) / 60.0},
          {"amount", amount_of_cents(s.amount_cents)},
          {"count", s.count}};
}

nlohmann::json key_json(const store::Value& key) {
  if (const auto* n = std::get_if<std::int64_t>(&key)) return *n;
  if (const auto* t = std::get_if<std::string>(&key)) return *t;
  return nullptr;
}

// A group of the report tree.
struct Group {
  nlohmann::json key;
  std::string label;
  Sums sums;
  std::vector<Group> children;
};

// The groups of `rows` (sorted by their keys) as a tree `levels` deep, summing every level.
Group tree_of(const std::vector<store::TimeGroupRow>& rows, std::size_t levels) {
  Group root;
  for (const auto& row : rows) {
    const Sums sums{row.minutes, row.billable_minutes, row.amount_cents, row.count};
    root.sums.add(sums);
    Group* at = &root;
    for (std::size_t level = 0; level < levels; ++level) {
      const nlohmann::json key = key_json(row.keys[level]);
      if (at->children.empty() || at->children.back().key != key)
        at->children.push_back(Group{key, row.labels[level], {}, {}});
      at = &at->children.back();
      at->sums.add(sums);
    }
  }
  return root;
}

nlohmann::json group_json(const Group& group) {
  nlohmann::json children = nlohmann::json::array();
  for (const auto& child : group.children) {
    nlohmann::json json = {{"key", child.key}, {"label", child.label}, {"totals", sums_json(child.sums)}};
    if (!child.children.empty()) json["groups"] = group_json(child)["groups"];
    children.push_back(std::move(json));
  }
  return {{"totals", sums_json(group.sums)}, {"groups", std::move(children)}};
}

std::vector<ReportCell> sums_cells(const Sums& s) {
  return {static_cast<double>(s.minutes) / 60.0, static_cast<double>(s.billable_minutes) / 60.0,
          amount_of_cents(s.amount_cents), static_cast<double>(s.count)};
}

// Appends the rows of `group`'s children at `level` (of `levels`) to `table`; `path` holds the labels of
// the enclosing groups.
void append_rows(ReportTable& table, const Group& group, std::size_t level, std::size_t levels,
                 std::vector<std::string>& path) {
  for (const auto& child : group.children) {
    path.push_back(child.label.empty() ? "(none)" : child.label);
    if (level + 1 == levels) {
      ReportRow row{ReportRow::Kind::detail, static_cast<int>(level), {}};
      for (const auto& label : path) row.cells.emplace_back(label);
      for (auto& cell : sums_cells(child.sums)) row.cells.push_back(cell);
      table.rows.push_back(std::move(row));
    } else {
      append_rows(table, child, level + 1, levels, path);
      ReportRow row{ReportRow::Kind::subtotal, static_cast<int>(level), {}};
      for (std::size_t i = 0; i < levels; ++i)
        row.cells.emplace_back(i < level ? path[i] : i == level ? "Total " + path[i] : "");
      for (auto& cell : sums_cells(child.sums)) row.cells.push_back(cell);
      table.rows.push_back(std::move(row));
    }
    path.pop_back();
  }
}

Status check_query(const Actor& actor, const TimeReportQuery& query) {
  if (!Policy::can(actor, Action::track_time))
    return Error::make(ErrorCode::forbidden, "the timesheets app is not open to you");
  if (query.groupings.size() > 3) return invalid("group_by", "group_by names at most three groupings");
  for (std::size_t i = 0; i < query.groupings.size(); ++i)
    if (std::count(query.groupings.begin(), query.groupings.end(), query.groupings[i]) > 1)
      return invalid("group_by", "group_by names each grouping once");
  return {};
}

}  // namespace

std::optional<store::TimeGrouping> parse_time_grouping(std::string_view name) {
  for (const auto& [n, grouping] : kGroupings)
    if (n == name) return grouping;
  return std::nullopt;
}

namespace {

Result<Group> report_tree(store::Database& db, const Actor& actor, const TimeReportQuery& query) {
  TANDEM_TRY(check_query(actor, query));
  std::vector<store::TimeGroupRow> rows;
  TANDEM_TRY(db.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(
        rows, store::group_timesheets(txn, Policy::visible_timesheets(actor), query.filter, query.groupings));
    return {};
  }));
  return tree_of(rows, query.groupings.size());
}

}  // namespace

Result<nlohmann::json> TimeReportService::report(const Actor& actor, const TimeReportQuery& query) {
  TANDEM_ASSIGN(const Group root, report_tree(db_, actor, query));
  nlohmann::json json = group_json(root);
  json["group_by"] = nlohmann::json::array();
  for (const auto grouping : query.groupings) json["group_by"].push_back(name_of(grouping));
  return json;
}

Result<ReportTable> TimeReportService::report_table(const Actor& actor, const TimeReportQuery& query) {
  TANDEM_ASSIGN(const Group root, report_tree(db_, actor, query));
  ReportTable table;
  table.title = "Timesheets";
  for (const auto grouping : query.groupings) {
    std::string title(name_of(grouping));
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    table.columns.push_back({title, NumberFormat::text});
  }
  table.columns.push_back({"Hours", NumberFormat::hours});
  table.columns.push_back({"Billable hours", NumberFormat::hours});
  table.columns.push_back({"Amount", NumberFormat::money});
  table.columns.push_back({"Timesheets", NumberFormat::count});
  std::vector<std::string> path;
  append_rows(table, root, 0, query.groupings.size(), path);
  ReportRow total{ReportRow::Kind::total, 0, {}};
  for (std::size_t i = 0; i < query.groupings.size(); ++i) total.cells.emplace_back(i == 0 ? "Total" : "");
  if (query.groupings.empty()) table.columns.insert(table.columns.begin(), {"", NumberFormat::text});
  if (query.groupings.empty()) total.cells.emplace_back("Total");
  for (auto& cell : sums_cells(root.sums)) total.cells.push_back(cell);
  table.rows.push_back(std::move(total));
  return table;
}

Result<ReportTable> TimeReportService::invoice_table(const Actor& actor, std::int64_t organization_id,
                                                     const std::optional<std::string>& from_day,
                                                     const std::optional<std::string>& to_day) {
  if (!Policy::can(actor, Action::invoice_time))
    return Error::make(ErrorCode::forbidden, "only admins prepare invoices");
  store::TimesheetFilter filter;
  filter.organization_id = organization_id;
  filter.status = "approved";
  filter.billable = true;
  filter.invoiced = false;
  filter.from_day = from_day;
  filter.to_day = to_day;
  std::vector<store::TimesheetRow> lines;
  std::string organization;
  std::map<std::int64_t, std::string> project_names;
  TANDEM_TRY(db_.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(const auto found,
                  txn.one("SELECT name FROM organizations WHERE id = ?", {organization_id}));
    if (!found) return Error::make(ErrorCode::not_found, "no such organization");
    organization = found->text(0);
    TANDEM_ASSIGN(lines, store::list_timesheets_by_project(txn, Policy::visible_timesheets(actor), filter));
    for (const auto& line : lines)
      if (line.project_id && !project_names.count(*line.project_id)) {
        TANDEM_ASSIGN(const auto row, txn.one("SELECT name FROM projects WHERE id = ?", {*line.project_id}));
        project_names[*line.project_id] = row ? row->text(0) : "";
      }
    return {};
  }));
  ReportTable table;
  table.title = "Invoice " + organization;
  table.columns = {
      {"Project", NumberFormat::text}, {"Date", NumberFormat::text},  {"Item", NumberFormat::text},
      {"User", NumberFormat::text},    {"Note", NumberFormat::text},  {"Timesheet", NumberFormat::count},
      {"Hours", NumberFormat::hours},  {"Rate", NumberFormat::money}, {"Amount", NumberFormat::money}};
  std::int64_t project_minutes = 0, project_cents = 0, minutes = 0, cents = 0;
  const auto subtotal = [&](const std::string& project) {
    table.rows.push_back({ReportRow::Kind::subtotal,
                          0,
                          {"Total " + project, "", "", "", "", "",
                           static_cast<double>(project_minutes) / 60.0, "", amount_of_cents(project_cents)}});
    project_minutes = project_cents = 0;
  };
  std::string project_name;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const std::string project = line.project_id ? project_names[*line.project_id] : "(no project)";
    if (i > 0 && lines[i - 1].project_id != line.project_id) subtotal(project_name);
    project_name = project;
    table.rows.push_back({ReportRow::Kind::detail,
                          1,
                          {project, format_iso8601(line.started_at).substr(0, 10),
                           "#" + std::to_string(line.item_number) + " " + line.item_title, line.user_name,
                           line.note, static_cast<double>(line.id), static_cast<double>(line.minutes) / 60.0,
                           amount_of_cents(line.rate_cents), amount_of_cents(line.amount_cents)}});
    project_minutes += line.minutes;
    project_cents += line.amount_cents;
    minutes += line.minutes;
    cents += line.amount_cents;
  }
  if (!lines.empty()) subtotal(project_name);
  table.rows.push_back(
      {ReportRow::Kind::total,
       0,
       {"Total", "", "", "", "", "", static_cast<double>(minutes) / 60.0, "", amount_of_cents(cents)}});
  return table;
}

nlohmann::json report_table_json(const ReportTable& table) {
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& column : table.columns) columns.push_back(column.title);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& cell : row.cells) {
      if (const auto* text = std::get_if<std::string>(&cell))
        cells.push_back(*text);
      else
        cells.push_back(std::get<double>(cell));
    }
    const std::string_view kind = row.kind == ReportRow::Kind::detail     ? "detail"
                                  : row.kind == ReportRow::Kind::subtotal ? "subtotal"
                                                                          : "total";
    rows.push_back({{"kind", kind}, {"cells", std::move(cells)}});
  }
  return {{"title", table.title}, {"columns", std::move(columns)}, {"rows", std::move(rows)}};
}

}  // namespace tandem::service
