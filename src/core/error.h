// The one error taxonomy of Tandem. Every expected failure is an Error value; the API maps its code to an
// HTTP status in exactly one place (api/error_response.cpp).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tandem {

enum class ErrorCode {
  bad_request,             // malformed request: syntax, missing parts
  invalid_json,            // the body is not JSON or not the expected shape
  validation_failed,       // well-formed but a field value is not acceptable
  unauthenticated,         // no valid session or token
  invalid_credentials,     // sign-in with a wrong email or password
  forbidden,               // the actor may not do this
  csrf_failed,             // unsafe method with a session but without the matching X-CSRF-Token
  not_found,               // no such resource, or the actor may not know it exists
  method_not_allowed,      // the path exists, the method does not
  conflict,                // the change contradicts stored state (duplicate email, ...)
  precondition_failed,     // If-Match did not match the current version
  payload_too_large,       // body over the configured limit
  headers_too_large,       // request head over the configured limit
  unsupported_media_type,  // body of a content type the endpoint does not take
  rate_limited,            // too many attempts; retry later
  request_timeout,         // the client was too slow to send its request
  module_disabled,         // the module is switched off
  unavailable,             // a dependency (the store) cannot serve now
  internal,                // a bug or an impossible state; details only in the log
};

/// The stable snake_case name of a code, as clients see it in `error.code`.
std::string_view to_string(ErrorCode code);

/// An expected failure. `message` is safe to show to a client; `internal` is for the log only.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string internal;
  std::map<std::string, std::string> details;

  /// Builds an error whose client message and log message are the same.
  static Error make(ErrorCode code, std::string message) { return Error{code, std::move(message), {}, {}}; }
  /// Builds an internal error: the client sees a generic message, the log sees `internal_detail`.
  static Error internal_error(std::string internal_detail) {
    return Error{ErrorCode::internal, "internal error", std::move(internal_detail), {}};
  }
  /// Adds one detail (e.g. the field that failed validation) and returns the error for chaining.
  Error&& with(std::string key, std::string value) && {
    details[std::move(key)] = std::move(value);
    return std::move(*this);
  }
};

}  // namespace tandem
