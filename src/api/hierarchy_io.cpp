#include "api/hierarchy_io.h"

#include <algorithm>
#include <charconv>

#include "api/json_io.h"

namespace tandem::api {

namespace {

// Parses all of `text` as a T.
template <typename T>
std::optional<T> parse_number(std::string_view text) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<PositionPage> position_page(const net::Request& request) {
  PositionPage page;
  page.limit = page_params(request).first;
  const std::string cursor = request.query_param("cursor");
  if (cursor.empty()) return page;
  const auto colon = cursor.find(':');
  const auto position = parse_number<double>(std::string_view(cursor).substr(0, colon));
  const auto id = colon == std::string::npos
                      ? std::nullopt
                      : parse_number<std::int64_t>(std::string_view(cursor).substr(colon + 1));
  if (!position || !id)
    return Error::make(ErrorCode::validation_failed, "cursor must be a next_cursor from an earlier page")
        .with("field", "cursor");
  page.after = store::PositionCursor{*position, *id};
  return page;
}

net::Response position_page_response(nlohmann::json items, const PositionPage& page, double last_position,
                                     std::int64_t last_id) {
  if (static_cast<int>(items.size()) < page.limit) return page_response(std::move(items), "");
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, last_position).ptr;
  return page_response(std::move(items), std::string(buffer, end) + ":" + std::to_string(last_id));
}

Result<bool> bool_query(const net::Request& request, std::string_view name, bool fallback) {
  const std::string value = request.query_param(name);
  if (value.empty()) return fallback;
  if (value == "true") return true;
  if (value == "false") return false;
  return Error::make(ErrorCode::validation_failed, std::string(name) + " must be true or false")
      .with("field", std::string(name));
}

}  // namespace tandem::api
