#include "service/items/item_fields.h"

#include <algorithm>
#include <array>

#include "core/calendar_date.h"

namespace tandem::service {

namespace {

enum class Kind {
  title,
  markdown,
  priority,
  date,
  minutes,
  non_negative,
  percent,
  constraint,
  source,
  position
};

struct PlainField {
  std::string_view name;
  Kind kind;
};

constexpr std::array kPlainFields = {
    PlainField{"title", Kind::title},
    PlainField{"description", Kind::markdown},
    PlainField{"priority", Kind::priority},
    PlainField{"planned_start", Kind::date},
    PlainField{"planned_finish", Kind::date},
    PlainField{"planned_work_minutes", Kind::minutes},
    PlainField{"duration_days", Kind::non_negative},
    PlainField{"constraint_type", Kind::constraint},
    PlainField{"constraint_date", Kind::date},
    PlainField{"actual_start", Kind::date},
    PlainField{"actual_finish", Kind::date},
    PlainField{"percent_complete", Kind::percent},
    PlainField{"points", Kind::non_negative},
    PlainField{"due_date", Kind::date},
    PlainField{"source", Kind::source},
    PlainField{"position", Kind::position},
};

constexpr std::array<std::string_view, 8> kConstraints = {"asap",
                                                          "alap",
                                                          "must_start_on",
                                                          "must_finish_on",
                                                          "start_no_earlier_than",
                                                          "start_no_later_than",
                                                          "finish_no_earlier_than",
                                                          "finish_no_later_than"};
constexpr std::array<std::string_view, 7> kSources = {"email", "portal", "form", "chat",
                                                      "api",   "import", "agent"};
constexpr std::array<std::string_view, 10> kReadOnly = {
    "id", "number", "type_id", "state", "version", "created_by", "created_at", "updated_at", "url", "type"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Error invalid(std::string_view field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::string(field));
}

bool is_whole(const nlohmann::json& value) {
  return value.is_number_integer() || value.is_number_unsigned();
}

// Values for an int64 column: a whole number in [min, max].
Result<store::Value> whole_number(std::string_view name, const nlohmann::json& value, std::int64_t min,
                                  std::int64_t max, std::string_view range) {
  if (!is_whole(value) || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max)
    return invalid(name, std::string(name) + " must be a whole number " + std::string(range));
  return store::Value{value.get<std::int64_t>()};
}

}  // namespace

bool is_plain_item_field(std::string_view name) {
  return std::any_of(kPlainFields.begin(), kPlainFields.end(), [&](const auto& f) { return f.name == name; });
}

bool is_item_source(std::string_view source) {
  return one_of(kSources, source);
}

bool is_read_only_item_field(std::string_view name) {
  return one_of(kReadOnly, name);
}

Result<store::Value> plain_item_value(std::string_view name, const nlohmann::json& value) {
  const auto field =
      std::find_if(kPlainFields.begin(), kPlainFields.end(), [&](const auto& f) { return f.name == name; });
  if (field == kPlainFields.end()) return invalid(name, "there is no item field " + std::string(name));
  const bool required = field->kind == Kind::title || field->kind == Kind::priority ||
                        field->kind == Kind::percent || field->kind == Kind::constraint ||
                        field->kind == Kind::source || field->kind == Kind::position ||
                        field->kind == Kind::markdown;
  if (value.is_null()) {
    if (required) return invalid(name, std::string(name) + " cannot be null");
    return store::Value{nullptr};
  }
  switch (field->kind) {
    case Kind::title: {
      if (!value.is_string()) return invalid(name, "title must be a string");
      const std::string text = value.get<std::string>();
      const auto first = text.find_first_not_of(" \t\r\n");
      if (first == std::string::npos || text.size() > 500)
        return invalid(name, "title must have 1 to 500 characters");
      return store::Value{text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1)};
    }
    case Kind::markdown:
      if (!value.is_string() || value.get<std::string>().size() > 100000)
        return invalid(name, std::string(name) + " must be text of at most 100000 characters");
      return store::Value{value.get<std::string>()};
    case Kind::priority:
      return whole_number(name, value, 0, 5, "from 0 to 5");
    case Kind::percent:
      return whole_number(name, value, 0, 100, "from 0 to 100");
    case Kind::minutes:
      return whole_number(name, value, 0, 100'000'000, "of minutes, 0 or more");
    case Kind::date:
      if (!value.is_string() || !is_calendar_date(value.get<std::string>()))
        return invalid(name, std::string(name) + " must be a date like 2026-01-31, or null");
      return store::Value{value.get<std::string>()};
    case Kind::non_negative:
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1e9)
        return invalid(name, std::string(name) + " must be a number, 0 or more");
      return store::Value{value.get<double>()};
    case Kind::constraint:
      if (!value.is_string() || !one_of(kConstraints, value.get<std::string>()))
        return invalid(
            name,
            "constraint_type must be asap, alap, must_start_on, must_finish_on, start_no_earlier_than, "
            "start_no_later_than, finish_no_earlier_than or finish_no_later_than");
      return store::Value{value.get<std::string>()};
    case Kind::source:
      if (!value.is_string() || !is_item_source(value.get<std::string>()))
        return invalid(name, "source must be email, portal, form, chat, api, import or agent");
      return store::Value{value.get<std::string>()};
    case Kind::position:
      if (!value.is_number()) return invalid(name, "position must be a number");
      return store::Value{value.get<double>()};
  }
  return invalid(name, "unsupported field");
}

}  // namespace tandem::service
