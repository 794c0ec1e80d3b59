// Subset matching of an expected JSON document against an actual one, and dotted-path lookup.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tandem::api_test {

/// Checks that `actual` contains `expected`: objects match when every expected key matches (extra keys are
/// fine); arrays match element by element with equal length, or, when the first expected element is
/// "<contains>", when each other expected element matches some actual element; "*" matches any present value;
/// "<absent>" as an object value requires the key to be missing; "<match RE>" requires RE (ECMAScript) to be
/// found in the value (in its JSON text when it is not a string); other values must be equal.
/// Returns the first difference, e.g. `at user.role: expected "admin", got "agent"`, or nullopt on a match.
std::optional<std::string> find_mismatch(const nlohmann::json& expected, const nlohmann::json& actual);

/// The value at a dotted path ("user.id", "data.0.name"; "" is the whole document), or nullptr when absent.
const nlohmann::json* find_path(const nlohmann::json& document, std::string_view path);

}  // namespace tandem::api_test
