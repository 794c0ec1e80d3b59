#include "api/json_io.h"

#include <algorithm>
#include <charconv>

namespace tandem::api {

Result<nlohmann::json> parse_json_object(const net::Request& request) {
  const std::string_view type = request.headers.get("Content-Type");
  const std::string_view media = type.substr(0, type.find(';'));
  if (media != "application/json")
    return Error::make(ErrorCode::unsupported_media_type, "send the body as application/json");
  auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error::make(ErrorCode::invalid_json, "the body is not valid JSON");
  if (!body.is_object()) return Error::make(ErrorCode::invalid_json, "the body must be a JSON object");
  return body;
}

Result<std::string> string_field(const nlohmann::json& body, std::string_view key) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return Error::make(ErrorCode::validation_failed, std::string(key) + " must be a string")
        .with("field", std::string(key));
  return it->get<std::string>();
}

namespace {

Error wrong_type(std::string_view key, std::string_view what) {
  return Error::make(ErrorCode::validation_failed, std::string(key) + " must be " + std::string(what))
      .with("field", std::string(key));
}

bool is_id(const nlohmann::json& value) {
  return value.is_number_integer() && value.get<std::int64_t>() > 0;
}

// The member `key` of `body` as a T when present, not null and passing `is_type`.
template <typename T>
Result<std::optional<T>> optional_member(const nlohmann::json& body, std::string_view key,
                                         bool (*is_type)(const nlohmann::json&), std::string_view what) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::optional<T>();
  if (!is_type(*it)) return wrong_type(key, what);
  return std::optional<T>(it->get<T>());
}

}  // namespace

Result<std::optional<std::string>> optional_string(const nlohmann::json& body, std::string_view key) {
  return optional_member<std::string>(
      body, key, [](const nlohmann::json& v) { return v.is_string(); }, "a string");
}

Result<std::optional<std::optional<std::string>>> nullable_string(const nlohmann::json& body,
                                                                  std::string_view key) {
  using Nullable = std::optional<std::optional<std::string>>;
  if (!body.contains(key)) return Nullable();
  if (body[key].is_null()) return Nullable(std::optional<std::string>());
  TANDEM_ASSIGN(auto text, optional_string(body, key));
  return Nullable(std::move(text));
}

Result<std::optional<bool>> optional_bool(const nlohmann::json& body, std::string_view key) {
  return optional_member<bool>(
      body, key, [](const nlohmann::json& v) { return v.is_boolean(); }, "true or false");
}

Result<std::optional<double>> optional_number(const nlohmann::json& body, std::string_view key) {
  return optional_member<double>(
      body, key, [](const nlohmann::json& v) { return v.is_number(); }, "a number");
}

Result<std::optional<std::int64_t>> optional_id(const nlohmann::json& body, std::string_view key) {
  return optional_member<std::int64_t>(body, key, is_id, "a positive integer id");
}

Result<std::optional<std::vector<std::string>>> optional_string_list(const nlohmann::json& body,
                                                                     std::string_view key) {
  return optional_member<std::vector<std::string>>(
      body, key,
      [](const nlohmann::json& v) {
        return v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& e) { return e.is_string(); });
      },
      "an array of strings");
}

Result<std::vector<std::int64_t>> id_list(const nlohmann::json& body, std::string_view key) {
  std::vector<std::int64_t> ids;
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return ids;
  if (!it->is_array() || !std::all_of(it->begin(), it->end(), is_id))
    return wrong_type(key, "an array of positive integer ids");
  for (const auto& id : *it) ids.push_back(id.get<std::int64_t>());
  return ids;
}

Result<std::optional<std::int64_t>> optional_id_query(const net::Request& request, std::string_view name,
                                                      std::string_view what) {
  const std::string text = request.query_param(name);
  if (text.empty()) return std::optional<std::int64_t>{};
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::make(ErrorCode::validation_failed, std::string(name) + " must be " + std::string(what))
        .with("field", std::string(name));
  return std::optional<std::int64_t>{id};
}

std::pair<int, std::int64_t> page_params(const net::Request& request) {
  int limit = 50;
  std::int64_t after = 0;
  const std::string limit_text = request.query_param("limit"), cursor_text = request.query_param("cursor");
  std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), limit);
  std::from_chars(cursor_text.data(), cursor_text.data() + cursor_text.size(), after);
  return {std::clamp(limit, 1, 200), std::max<std::int64_t>(after, 0)};
}

net::Response json_response(int status, const nlohmann::json& body) {
  net::Response response = net::Response::json(status, body.dump());
  response.headers.add("Cache-Control", "no-store");
  return response;
}

net::Response page_response(nlohmann::json items, const std::string& next_cursor) {
  return json_response(
      200, {{"data", std::move(items)},
            {"next_cursor", next_cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(next_cursor)}});
}

}  // namespace tandem::api
