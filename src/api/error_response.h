// The one place where an Error becomes an HTTP response: status from the code, the client message in
// the body, the internal detail in the log only.
#pragma once

#include "core/error.h"
#include "net/http.h"

namespace tandem::api {

/// The HTTP status for an error code.
int http_status(ErrorCode code);
/// `{"error":{"code","message","details"?}}` with the status for error.code; logs error.internal (when set)
/// with the request id. Adds Retry-After for rate_limited errors that carry details["retry_after"].
net::Response error_response(const Error& error, std::string_view request_id = {});

}  // namespace tandem::api
