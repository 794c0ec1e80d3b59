#include "store/items/item_json.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "core/clock.h"
#include "core/decimal.h"

namespace tandem::store {

namespace {

// How an item field's column is written.
enum class Kind { integer, real, text, json, boolean, instant };

// One field of an item's JSON: its name there, the column it is read from, and how.
struct Field {
  std::string_view name;
  std::string_view column;
  Kind kind;
};

// The item's fields in the order its JSON lists them (its page's "url" comes last, made from type and
// number); the query reads their columns in this order.
constexpr Field kFields[] = {
    {"id", "items.id", Kind::integer},
    {"number", "items.number", Kind::integer},
    {"type", "t.key", Kind::text},
    {"type_id", "items.type_id", Kind::integer},
    {"title", "items.title", Kind::text},
    {"description", "items.description", Kind::text},
    {"status_id", "items.status_id", Kind::integer},
    {"state", "items.state", Kind::text},
    {"priority", "items.priority", Kind::integer},
    {"project_id", "items.project_id", Kind::integer},
    {"folder_id", "items.folder_id", Kind::integer},
    {"parent_id", "items.parent_id", Kind::integer},
    {"requesters", "items.requesters", Kind::json},
    {"followers", "items.followers", Kind::json},
    {"assignees", "items.assignees", Kind::json},
    {"planned_start", "items.planned_start", Kind::text},
    {"planned_finish", "items.planned_finish", Kind::text},
    {"planned_work_minutes", "items.planned_work_minutes", Kind::integer},
    {"duration_days", "items.duration_days", Kind::real},
    {"constraint_type", "items.constraint_type", Kind::text},
    {"constraint_date", "items.constraint_date", Kind::text},
    {"actual_start", "items.actual_start", Kind::text},
    {"actual_finish", "items.actual_finish", Kind::text},
    {"percent_complete", "items.percent_complete", Kind::integer},
    {"points", "items.points", Kind::real},
    {"due_date", "items.due_date", Kind::text},
    {"tags", "items.tags", Kind::json},
    {"published", "items.published", Kind::boolean},
    {"source", "items.source", Kind::text},
    {"custom_fields", "items.custom_fields", Kind::json},
    {"position", "items.position", Kind::real},
    {"version", "items.version", Kind::integer},
    {"created_by", "items.created_by", Kind::integer},
    {"created_at", "items.created_at", Kind::instant},
    {"updated_at", "items.updated_at", Kind::instant},
};

// The position of the field called `name` in kFields, which is its column's in a row.
constexpr std::size_t column_of(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kFields); ++i)
    if (kFields[i].name == name) return i;
  throw "no such item field";
}

constexpr std::size_t kIdColumn = column_of("id");
constexpr std::size_t kNumberColumn = column_of("number");
constexpr std::size_t kTypeColumn = column_of("type");
constexpr std::size_t kVersionColumn = column_of("version");

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

// Calls write(text) with the text in `column` of `row`, read in place when the column holds text.
template <typename Write>
void with_text(const Row& row, std::size_t column, Write write) {
  if (const auto* text = std::get_if<std::string>(&row.value(column)))
    write(std::string_view(*text));
  else
    write(std::string_view(row.text(column)));
}

// Appends one JSON object member at a time, in the order given.
class ObjectWriter {
 public:
  ObjectWriter() {
    out_.reserve(1024);
    out_ += '{';
  }

  // The field kFields[column], read from `column` of `row` and written as its kind says.
  void field(const Row& row, std::size_t column) {
    static const auto keys = [] {  // `"name":`, with the comma before it for all fields but the first
      std::array<std::string, std::size(kFields)> out;
      for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = (i == 0 ? "\"" : ",\"") + std::string(kFields[i].name) + "\":";
      return out;
    }();
    out_ += keys[column];
    if (row.is_null(column)) {
      out_ += "null";
      return;
    }
    switch (kFields[column].kind) {
      case Kind::integer:
        integer(row.int64(column));
        break;
      case Kind::real:
        real(row.real(column));
        break;
      case Kind::text:
        with_text(row, column, [&](std::string_view text) { string(text); });
        break;
      case Kind::json:  // JSON text, written as it is
        with_text(row, column, [&](std::string_view text) { out_ += text; });
        break;
      case Kind::boolean:
        out_ += row.int64(column) != 0 ? "true" : "false";
        break;
      case Kind::instant:
        string(format_iso8601(row.int64(column)));
        break;
    }
  }

  void text(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }

  std::string finish() && {
    out_ += '}';
    return std::move(out_);
  }

 private:
  // A REAL number as SQLite's JSON functions write it: 15 significant digits, always with a fraction
  // (2.0, 1.0e+20).
  void real(double value) {
    if (value == 0) value = 0;  // no "-0"
    char digits[40];
    const auto written =
        std::to_chars(std::begin(digits), std::end(digits), value, std::chars_format::general, 15);
    const std::string_view text(digits, static_cast<std::size_t>(written.ptr - digits));
    const std::size_t exponent = text.find('e');
    const std::string_view mantissa = text.substr(0, exponent);
    out_ += mantissa;
    if (std::isfinite(value) && mantissa.find('.') == std::string_view::npos) out_ += ".0";
    if (exponent != std::string_view::npos) out_ += text.substr(exponent);
  }

  void integer(std::int64_t value) { append_decimal(out_, value); }

  // `,"name":` for a name that needs no escapes, after the fields.
  void key(std::string_view name) {
    out_ += ",\"";
    out_ += name;
    out_ += "\":";
  }

  // A JSON string escaped as SQLite's JSON functions escape it.
  void string(std::string_view value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    for (;;) {  // the longest run that needs no escape, then the character that does
      const auto special = std::find_if(value.begin(), value.end(), [](char c) {
        return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
      });
      out_.append(value.begin(), special);
      if (special == value.end()) break;
      const char c = *special;
      value.remove_prefix(static_cast<std::size_t>(special - value.begin()) + 1);
      const auto byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_ += '\\';
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
  static const std::string select = [] {
    std::string sql = "SELECT ";
    for (const Field& field : kFields)
      sql += std::string(field.column) + (&field == std::end(kFields) - 1 ? " " : ", ");
    return sql + "FROM items JOIN item_types t ON t.id = items.type_id ";
  }();
  return select;
}

ItemJson item_json_of(const Row& row) {
  ObjectWriter writer;
  for (std::size_t column = 0; column < std::size(kFields); ++column) writer.field(row, column);
  const std::string type = row.text(kTypeColumn);
  const std::int64_t number = row.int64(kNumberColumn);
  writer.text("url", item_url(type, number));
  return {row.int64(kIdColumn), number, row.int64(kVersionColumn), std::move(writer).finish(), type};
}

}  // namespace tandem::store
