// The status line and header block of a response, written as one piece of text so the server can send
// head and body in one gather write.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "net/http.h"

namespace tandem::net {

/// True when a response with `status` carries no body and no Content-Length (1xx, 204, 304).
bool status_has_no_body(int status);

/// The head of `response` for HTTP/1.`minor_version`, ending with the blank line: the status line with
/// `reason`, the response's header fields in order (a field whose name or value holds a line break is
/// left out, so no value can inject a header), `Server: tandem`, the `Connection` field `keep_alive`
/// needs for that version, and `Content-Length: body_length` unless status_has_no_body.
std::string response_head(const Response& response, std::string_view reason, unsigned minor_version,
                          bool keep_alive, std::uint64_t body_length);

}  // namespace tandem::net
