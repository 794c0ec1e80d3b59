#include "api/json_io.h"

#include <algorithm>
#include <limits>

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

template <typename T>
bool holds(const nlohmann::json& value) {
  if constexpr (std::is_same_v<T, std::string>) return value.is_string();
  if constexpr (std::is_same_v<T, double>) return value.is_number();
  if constexpr (std::is_same_v<T, bool>) return value.is_boolean();
  if constexpr (std::is_same_v<T, std::int64_t>)
    return value.is_number_integer() &&
           !(value.is_number_unsigned() &&
             value.get<std::uint64_t>() >
                 static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  if constexpr (std::is_same_v<T, std::vector<std::string>>)
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); });
}

template <typename T>
constexpr std::string_view kind_of() {
  if constexpr (std::is_same_v<T, std::string>) return "a string";
  if constexpr (std::is_same_v<T, double>) return "a number";
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  if constexpr (std::is_same_v<T, std::int64_t>) return "an integer";
  if constexpr (std::is_same_v<T, std::vector<std::string>>) return "an array of strings";
}

}  // namespace

template <typename T>
Result<std::optional<T>> optional_field(const nlohmann::json& body, std::string_view key) {
  const auto it = body.find(key);
  if (it == body.end()) return std::optional<T>{};
  if (!holds<T>(*it))
    return Error::make(ErrorCode::validation_failed,
                       std::string(key) + " must be " + std::string(kind_of<T>()))
        .with("field", std::string(key));
  return std::optional<T>(it->get<T>());
}

template Result<std::optional<std::string>> optional_field<std::string>(const nlohmann::json&,
                                                                        std::string_view);
template Result<std::optional<double>> optional_field<double>(const nlohmann::json&, std::string_view);
template Result<std::optional<bool>> optional_field<bool>(const nlohmann::json&, std::string_view);
template Result<std::optional<std::int64_t>> optional_field<std::int64_t>(const nlohmann::json&,
                                                                          std::string_view);
template Result<std::optional<std::vector<std::string>>> optional_field<std::vector<std::string>>(
    const nlohmann::json&, std::string_view);

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
