#include "service/catalog/catalog_rules.h"

#include <algorithm>

namespace tandem::service {

namespace {

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

Error invalid_field(std::string field, std::string message) {
  return Error::make(ErrorCode::validation_failed, std::move(message)).with("field", std::move(field));
}

bool is_valid_key(std::string_view key, std::size_t max_length) {
  return !key.empty() && key.size() <= max_length && is_lower(key.front()) &&
         std::all_of(key.begin(), key.end(), [](char c) { return is_lower(c) || is_digit(c) || c == '_'; });
}

bool is_valid_name(std::string_view name) {
  const auto characters = std::count_if(name.begin(), name.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a UTF-8 continuation byte
  });
  return characters >= 1 && characters <= 100 && name.find_first_not_of(" \t\r\n") != std::string_view::npos;
}

bool is_valid_color(std::string_view color) {
  return color.size() == 7 && color.front() == '#' && std::all_of(color.begin() + 1, color.end(), is_hex);
}

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return lower;
}

}  // namespace tandem::service
