#include "service/time/time_rules.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "service/hierarchy/hierarchy_rules.h"

namespace tandem::service {

std::int64_t minutes_of_elapsed(std::int64_t elapsed_ms) {
  return std::max<std::int64_t>(1, (elapsed_ms + 30'000) / 60'000);
}

bool timesheet_editable(std::string_view status) {
  return status != "approved";
}

bool timesheet_submittable(std::string_view status) {
  return status == "draft" || status == "rejected";
}

bool timesheet_decidable(std::string_view status) {
  return status == "submitted";
}

Result<std::int64_t> cents_of(double amount, std::string_view field) {
  if (!std::isfinite(amount) || amount < 0 || amount > 1e9)
    return invalid(std::string(field), std::string(field) + " must be an amount from 0 to 1000000000");
  return static_cast<std::int64_t>(std::llround(amount * 100));
}

double amount_of_cents(std::int64_t cents) {
  return static_cast<double>(cents) / 100.0;
}

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  const auto end_row = [&] {
    if (field_started || !field.empty() || !row.empty()) {
      row.push_back(std::move(field));
      rows.push_back(std::move(row));
    }
    row.clear();
    field.clear();
    field_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = field_started = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\n') {
      end_row();
    } else if (c != '\r') {
      field += c;
      field_started = true;
    }
  }
  if (quoted) return invalid("csv", "a quoted field never ends");
  end_row();
  return rows;
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::optional<bool> parse_csv_bool(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "true" || lower == "yes" || lower == "y" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "n" || lower == "0") return false;
  return std::nullopt;
}

}  // namespace tandem::service
