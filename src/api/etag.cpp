#include "api/etag.h"

#include <algorithm>
#include <charconv>

#include "core/decimal.h"

namespace tandem::api {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::int64_t> parse_version(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string version_etag(char kind, std::int64_t id, std::int64_t version) {
  std::string tag{'"', kind};
  append_decimal(tag, id);
  tag += '.';
  append_decimal(tag, version);
  tag += '"';
  return tag;
}

std::optional<std::vector<std::int64_t>> if_match_versions(const net::Request& request, char kind,
                                                           std::int64_t id) {
  if (!request.headers.has("If-Match")) return std::nullopt;
  const std::string_view header = request.headers.get("If-Match");
  const std::string prefix = "\"" + std::string(1, kind) + std::to_string(id) + ".";
  std::vector<std::int64_t> versions;
  for (std::size_t start = 0; start <= header.size();) {
    const std::size_t comma = std::min(header.find(',', start), header.size());
    const std::string_view tag = trimmed(header.substr(start, comma - start));
    if (tag == "*") return std::nullopt;
    if (tag.size() > prefix.size() + 1 && tag.starts_with(prefix) && tag.ends_with('"'))
      if (const auto version = parse_version(tag.substr(prefix.size(), tag.size() - prefix.size() - 1)))
        versions.push_back(*version);
    start = comma + 1;
  }
  return versions;
}

}  // namespace tandem::api
