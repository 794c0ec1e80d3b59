#include "store/items/item_json.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/clock.h"

namespace tandem::store {

namespace {

// The columns item_json_of reads, by position.
enum Column : std::size_t {
  kId,
  kNumber,
  kTypeKey,
  kTypeId,
  kTitle,
  kDescription,
  kStatusId,
  kState,
  kPriority,
  kProjectId,
  kFolderId,
  kParentId,
  kRequesters,
  kFollowers,
  kAssignees,
  kPlannedStart,
  kPlannedFinish,
  kPlannedWorkMinutes,
  kDurationDays,
  kConstraintType,
  kConstraintDate,
  kActualStart,
  kActualFinish,
  kPercentComplete,
  kPoints,
  kDueDate,
  kTags,
  kPublished,
  kSource,
  kCustomFields,
  kPosition,
  kVersion,
  kCreatedBy,
  kCreatedAt,
  kUpdatedAt,
};

constexpr std::string_view kItemRowSelect =
    "SELECT items.id, items.number, t.key, items.type_id, items.title, items.description, items.status_id, "
    "items.state, items.priority, items.project_id, items.folder_id, items.parent_id, items.requesters, "
    "items.followers, items.assignees, items.planned_start, items.planned_finish, "
    "items.planned_work_minutes, "
    "items.duration_days, items.constraint_type, items.constraint_date, items.actual_start, "
    "items.actual_finish, items.percent_complete, items.points, items.due_date, items.tags, items.published, "
    "items.source, items.custom_fields, items.position, items.version, items.created_by, items.created_at, "
    "items.updated_at FROM items JOIN item_types t ON t.id = items.type_id ";

// The letter of the two-character escape JSON has for control character `c`, or 0 when it has none.
char short_escape(char c) {
  switch (c) {
    case '\b':
      return 'b';
    case '\t':
      return 't';
    case '\n':
      return 'n';
    case '\f':
      return 'f';
    case '\r':
      return 'r';
    default:
      return 0;
  }
}

// Appends one JSON object member at a time, in the order given.
class ObjectWriter {
 public:
  ObjectWriter() {
    out_.reserve(1024);
    out_ += '{';
  }

  void integer(std::string_view name, const Row& row, Column column) {
    key(name);
    if (row.is_null(column))
      out_ += "null";
    else
      out_ += std::to_string(row.int64(column));
  }

  // Numbers stored as REAL, written as SQLite's JSON functions write them: 15 significant digits, always
  // with a fraction (2.0, 1.0e+20).
  void real(std::string_view name, const Row& row, Column column) {
    key(name);
    if (row.is_null(column)) {
      out_ += "null";
      return;
    }
    double value = row.real(column);
    if (value == 0) value = 0;  // no "-0"
    char digits[40];
    std::snprintf(digits, sizeof digits, "%.15g", value);
    std::string_view text(digits);
    const std::size_t exponent = text.find('e');
    const std::string_view mantissa = text.substr(0, exponent);
    out_ += mantissa;
    if (std::isfinite(value) && mantissa.find('.') == std::string_view::npos) out_ += ".0";
    if (exponent != std::string_view::npos) out_ += text.substr(exponent);
  }

  void text(std::string_view name, const Row& row, Column column) {
    key(name);
    if (row.is_null(column))
      out_ += "null";
    else
      string(row.text(column));
  }

  void text(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }

  // A column that holds JSON text, written as it is.
  void json(std::string_view name, const Row& row, Column column) {
    key(name);
    out_ += row.text(column);
  }

  void boolean(std::string_view name, bool value) {
    key(name);
    out_ += value ? "true" : "false";
  }

  void instant(std::string_view name, const Row& row, Column column) {
    text(name, format_iso8601(row.int64(column)));
  }

  std::string finish() && {
    out_ += '}';
    return std::move(out_);
  }

 private:
  void key(std::string_view name) {
    if (out_.size() > 1) out_ += ',';
    string(name);
    out_ += ':';
  }

  // A JSON string escaped as SQLite's JSON functions escape it.
  void string(std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    for (const char c : value) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += c;
      } else if (byte >= 0x20) {
        out_ += c;
      } else if (const char letter = short_escape(c)) {
        out_ += '\\';
        out_ += letter;
      } else {
        out_ += "\\u00";
        out_ += kHex[byte >> 4];
        out_ += kHex[byte & 0xf];
      }
    }
    out_ += '"';
  }

  std::string out_;
};

// The path of an item's page for its type key.
std::string item_url(std::string_view type_key, std::int64_t number) {
  const std::string_view section = type_key == "ticket" ? "tickets" : type_key == "task" ? "tasks" : "items";
  return "/" + std::string(section) + "/" + std::to_string(number);
}

}  // namespace

std::string_view item_json_select() {
  return kItemRowSelect;
}

ItemJson item_json_of(const Row& row) {
  const std::string type = row.text(kTypeKey);
  ObjectWriter w;
  w.integer("id", row, kId);
  w.integer("number", row, kNumber);
  w.text("type", type);
  w.integer("type_id", row, kTypeId);
  w.text("title", row, kTitle);
  w.text("description", row, kDescription);
  w.integer("status_id", row, kStatusId);
  w.text("state", row, kState);
  w.integer("priority", row, kPriority);
  w.integer("project_id", row, kProjectId);
  w.integer("folder_id", row, kFolderId);
  w.integer("parent_id", row, kParentId);
  w.json("requesters", row, kRequesters);
  w.json("followers", row, kFollowers);
  w.json("assignees", row, kAssignees);
  w.text("planned_start", row, kPlannedStart);
  w.text("planned_finish", row, kPlannedFinish);
  w.integer("planned_work_minutes", row, kPlannedWorkMinutes);
  w.real("duration_days", row, kDurationDays);
  w.text("constraint_type", row, kConstraintType);
  w.text("constraint_date", row, kConstraintDate);
  w.text("actual_start", row, kActualStart);
  w.text("actual_finish", row, kActualFinish);
  w.integer("percent_complete", row, kPercentComplete);
  w.real("points", row, kPoints);
  w.text("due_date", row, kDueDate);
  w.json("tags", row, kTags);
  w.boolean("published", row.int64(kPublished) != 0);
  w.text("source", row, kSource);
  w.json("custom_fields", row, kCustomFields);
  w.real("position", row, kPosition);
  w.integer("version", row, kVersion);
  w.integer("created_by", row, kCreatedBy);
  w.instant("created_at", row, kCreatedAt);
  w.instant("updated_at", row, kUpdatedAt);
  w.text("url", item_url(type, row.int64(kNumber)));
  return {row.int64(kId), row.int64(kNumber), row.int64(kVersion), std::move(w).finish(), type};
}

}  // namespace tandem::store
