#include "json_match.h"

#include <algorithm>
#include <charconv>
#include <regex>

namespace tandem::api_test {
namespace {

using nlohmann::json;

constexpr std::string_view kAny = "*";
constexpr std::string_view kAbsent = "<absent>";
constexpr std::string_view kContains = "<contains>";
constexpr std::string_view kMatchPrefix = "<match ";

constexpr std::size_t kMaxShownChars = 200;

// The JSON text of `value`, shortened for messages.
std::string abbreviated_dump(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxShownChars) {
    text = text.substr(0, kMaxShownChars) + "... (" + std::to_string(text.size()) + " chars)";
  }
  return text;
}

bool is_marker(const json& value, std::string_view marker) {
  return value.is_string() && value.get_ref<const std::string&>() == marker;
}

// The pattern of a "<match RE>" value, or nullopt for any other value.
std::optional<std::string> match_pattern(const json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  if (!text.starts_with(kMatchPrefix) || !text.ends_with('>')) return std::nullopt;
  return text.substr(kMatchPrefix.size(), text.size() - kMatchPrefix.size() - 1);
}

std::string where(const std::string& path) {
  return path.empty() ? "at the top" : "at " + path;
}

std::string child(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string type_name(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  return abbreviated_dump(value);
}

std::optional<std::string> mismatch_at(const json& expected, const json& actual, const std::string& path);

std::optional<std::string> object_mismatch(const json& expected, const json& actual,
                                           const std::string& path) {
  if (!actual.is_object()) return where(path) + ": expected an object, got " + type_name(actual);
  for (const auto& [key, value] : expected.items()) {
    const auto found = actual.find(key);
    if (is_marker(value, kAbsent)) {
      if (found != actual.end())
        return where(child(path, key)) + ": expected no such key, got " + abbreviated_dump(*found);
      continue;
    }
    if (found == actual.end())
      return where(child(path, key)) + ": missing (expected " + abbreviated_dump(value) + ")";
    if (auto mismatch = mismatch_at(value, *found, child(path, key))) return mismatch;
  }
  return std::nullopt;
}

std::optional<std::string> array_mismatch(const json& expected, const json& actual, const std::string& path) {
  if (!actual.is_array()) return where(path) + ": expected an array, got " + type_name(actual);
  if (!expected.empty() && is_marker(expected.front(), kContains)) {
    for (std::size_t i = 1; i < expected.size(); ++i) {
      const bool found = std::any_of(actual.begin(), actual.end(), [&](const json& element) {
        return !mismatch_at(expected[i], element, path);
      });
      if (!found) return where(path) + ": no element matches " + abbreviated_dump(expected[i]);
    }
    return std::nullopt;
  }
  if (expected.size() != actual.size()) {
    return where(path) + ": expected " + std::to_string(expected.size()) + " elements, got " +
           std::to_string(actual.size()) + ": " + abbreviated_dump(actual);
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (auto mismatch = mismatch_at(expected[i], actual[i], child(path, std::to_string(i)))) return mismatch;
  }
  return std::nullopt;
}

std::optional<std::string> mismatch_at(const json& expected, const json& actual, const std::string& path) {
  if (is_marker(expected, kAny)) return std::nullopt;
  if (is_marker(expected, kAbsent))
    return where(path) + ": \"<absent>\" only works as the value of an object key";
  if (const auto pattern = match_pattern(expected)) {
    const std::string text = actual.is_string() ? actual.get<std::string>() : actual.dump();
    try {
      if (std::regex_search(text, std::regex(*pattern))) return std::nullopt;
    } catch (const std::regex_error& error) {
      return where(path) + ": invalid pattern /" + *pattern + "/: " + error.what();
    }
    return where(path) + ": expected a match of /" + *pattern + "/, got " + abbreviated_dump(actual);
  }
  if (expected.is_object()) return object_mismatch(expected, actual, path);
  if (expected.is_array()) return array_mismatch(expected, actual, path);
  if (expected == actual) return std::nullopt;
  return where(path) + ": expected " + abbreviated_dump(expected) + ", got " + abbreviated_dump(actual);
}

}  // namespace

std::optional<std::string> find_mismatch(const json& expected, const json& actual) {
  return mismatch_at(expected, actual, "");
}

const json* find_path(const json& document, std::string_view path) {
  const json* node = &document;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string_view segment = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (node->is_object()) {
      const auto found = node->find(std::string(segment));
      if (found == node->end()) return nullptr;
      node = &*found;
    } else if (node->is_array()) {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), index);
      if (ec != std::errc() || end != segment.data() + segment.size() || index >= node->size())
        return nullptr;
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return node;
}

}  // namespace tandem::api_test
