// JSON in and out of handlers: strict request parsing with clear errors, and response helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "net/http.h"

namespace tandem::api {

/// The request body as a JSON object. Errors: unsupported_media_type (Content-Type not application/json),
/// invalid_json (not JSON, or not an object).
Result<nlohmann::json> parse_json_object(const net::Request& request);
/// The string member `key` of `body`; "" when absent. Errors: validation_failed when present but not a
/// string.
Result<std::string> string_field(const nlohmann::json& body, std::string_view key);
/// The member `key` of `body` when present and not null. Errors: validation_failed (details.field = key)
/// when it is not a string.
Result<std::optional<std::string>> optional_string(const nlohmann::json& body, std::string_view key);
/// The member `key` of `body` when present: nullopt inside for null, else its text. Errors:
/// validation_failed (details.field = key) when it is neither null nor a string.
Result<std::optional<std::optional<std::string>>> nullable_string(const nlohmann::json& body,
                                                                  std::string_view key);
/// The same for a boolean.
Result<std::optional<bool>> optional_bool(const nlohmann::json& body, std::string_view key);
/// The same for a number.
Result<std::optional<double>> optional_number(const nlohmann::json& body, std::string_view key);
/// The same for an id: a positive integer.
Result<std::optional<std::int64_t>> optional_id(const nlohmann::json& body, std::string_view key);
/// The same for an array of strings.
Result<std::optional<std::vector<std::string>>> optional_string_list(const nlohmann::json& body,
                                                                     std::string_view key);
/// The member `key` of `body` as an array of ids (positive integers); empty when absent or null.
/// Errors: validation_failed (details.field = key).
Result<std::vector<std::int64_t>> id_list(const nlohmann::json& body, std::string_view key);
/// `?limit=` as 1..200 (default 50) and `?cursor=` as the last id seen (default 0).
/// The query parameter `name` as an id: nullopt when absent. Errors: validation_failed (field `name`) with
/// "`name` must be `what`" when it is not a positive integer.
Result<std::optional<std::int64_t>> optional_id_query(const net::Request& request, std::string_view name,
                                                      std::string_view what);
std::pair<int, std::int64_t> page_params(const net::Request& request);
/// A JSON response with the given status and `Cache-Control: no-store`.
net::Response json_response(int status, const nlohmann::json& body);
/// `{"data":[...],"next_cursor":cursor-or-null}`.
net::Response page_response(nlohmann::json items, const std::string& next_cursor);

}  // namespace tandem::api
