// A small blocking HTTP/1.1 client over POSIX sockets: one connection per exchange, any bytes on the wire.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem::api_test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string reason;
  HeaderList headers;  // in wire order; names as sent
  std::string body;    // de-chunked

  /// The first value of header `name` (case-insensitive), or nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  /// Every value of header `name` (case-insensitive) in wire order, e.g. each Set-Cookie.
  std::vector<std::string> header_values(std::string_view name) const;
};

/// What came back from one exchange: a response, or why there is none.
struct HttpExchange {
  std::optional<HttpResponse> response;
  bool closed_without_response = false;  // the server closed or reset the connection before answering
  std::string error;                     // set when there is no response
};

/// Serialises a request: the request line, `headers` in order, a blank line, then `body` (nothing is added).
std::string serialize_request(std::string_view method, std::string_view target, const HeaderList& headers,
                              std::string_view body);

/// Connects to host:port, sends `bytes` as given, half-closes, and reads one response until it is complete or
/// the server closes. Stops sending early if the server answers first. Never throws.
HttpExchange exchange(const std::string& host, int port, std::string_view bytes,
                      std::chrono::milliseconds timeout);

enum class ParseState { incomplete, complete, malformed };

struct ParsedResponse {
  ParseState state = ParseState::incomplete;
  HttpResponse response;  // valid when complete
  std::string error;      // set when malformed
};

/// Parses one response from the start of `data`: Content-Length, chunked, or (when `at_eof`) read-to-close
/// bodies. `head_request` means the response has no body whatever its headers say.
ParsedResponse parse_response(std::string_view data, bool at_eof, bool head_request);

}  // namespace tandem::api_test
