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

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
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

std::string project_etag(std::int64_t id, std::int64_t version) {
  return "\"p" + std::to_string(id) + "." + std::to_string(version) + "\"";
}

std::optional<std::vector<std::int64_t>> if_match_versions(const net::Request& request, std::int64_t id) {
  if (!request.headers.has("If-Match")) return std::nullopt;
  const std::string_view header = request.headers.get("If-Match");
  const std::string prefix = "\"p" + std::to_string(id) + ".";
  std::vector<std::int64_t> versions;
  for (std::size_t start = 0; start <= header.size();) {
    const std::size_t comma = std::min(header.find(',', start), header.size());
    const std::string_view tag = trimmed(header.substr(start, comma - start));
    if (tag == "*") return std::nullopt;
    if (tag.size() > prefix.size() + 1 && tag.starts_with(prefix) && tag.ends_with('"'))
      if (const auto version =
              parse_number<std::int64_t>(tag.substr(prefix.size(), tag.size() - prefix.size() - 1)))
        versions.push_back(*version);
    start = comma + 1;
  }
  return versions;
}

}  // namespace tandem::api
