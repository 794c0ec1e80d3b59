#include "api/error_response.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace tandem::api {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
      return 400;
    case ErrorCode::invalid_json:
      return 400;
    case ErrorCode::validation_failed:
      return 422;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::invalid_credentials:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::csrf_failed:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::precondition_failed:
      return 412;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::headers_too_large:
      return 431;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::request_timeout:
      return 408;
    case ErrorCode::module_disabled:
      return 404;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

net::Response error_response(const Error& error, std::string_view request_id) {
  if (!error.internal.empty()) {
    if (error.code == ErrorCode::internal || error.code == ErrorCode::unavailable)
      spdlog::error("request {}: {} ({})", request_id, error.internal, to_string(error.code));
    else
      spdlog::debug("request {}: {} ({})", request_id, error.internal, to_string(error.code));
  }
  nlohmann::json body = {{"error", {{"code", to_string(error.code)}, {"message", error.message}}}};
  if (!error.details.empty()) body["error"]["details"] = error.details;
  net::Response response = net::Response::json(http_status(error.code), body.dump());
  response.headers.add("Cache-Control", "no-store");
  if (error.code == ErrorCode::rate_limited) {
    const auto retry = error.details.find("retry_after");
    response.headers.add("Retry-After", retry != error.details.end() ? retry->second : "60");
  }
  return response;
}

}  // namespace tandem::api
