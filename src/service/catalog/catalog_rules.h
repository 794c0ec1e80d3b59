// Rules shared by the catalog services: what keys, names and colors look like, and how a change is
// recorded in an event's payload.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace tandem::service {

/// A validation_failed error naming `field` in details.field.
Error invalid_field(std::string field, std::string message);
/// True when `key` is a lowercase letter followed by at most `max_length - 1` lowercase letters, digits
/// or underscores.
bool is_valid_key(std::string_view key, std::size_t max_length);
/// True when `name` has 1 to 100 characters (UTF-8) and is not only blanks.
bool is_valid_name(std::string_view name);
/// True when `color` is "#rrggbb" in hex digits of either case.
bool is_valid_color(std::string_view color);
/// `text` with its ASCII letters in lowercase.
std::string lowercase(std::string_view text);

/// Adds `field: {"from": old_value, "to": new_value}` to `changes` when the two differ (events carry
/// `{"changes": changes}`, as item events do).
template <typename T>
void note_change(nlohmann::json& changes, const char* field, const T& old_value, const T& new_value) {
  if (old_value != new_value) changes[field] = {{"from", old_value}, {"to", new_value}};
}

}  // namespace tandem::service
