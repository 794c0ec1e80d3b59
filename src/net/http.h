// Plain HTTP request/response values that handlers see. No Beast here: only net/server.cpp converts
// between these and the wire, so the rest of Tandem compiles without Boost.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.h"

namespace tandem::net {

/// An ordered list of header fields; names compare case-insensitively.
class Headers {
 public:
  /// The first value of `name`, or an empty view when absent.
  std::string_view get(std::string_view name) const;
  /// True when `name` is present.
  bool has(std::string_view name) const;
  /// Appends a field (a name may repeat, as Set-Cookie does).
  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  /// Replaces every field called `name` by one with `value`.
  void set(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

/// A parsed request. `path` and `query` are as sent (not decoded); path parameters are decoded.
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;
  std::string query;
  Headers headers;
  std::string body;
  std::string
      body_file;  // upload route only: the spooled body (then `body` is empty); removed after the answer
  std::string remote_address;

  // Filled by the router and the middleware chain:
  std::vector<std::pair<std::string, std::string>> path_params;
  std::string route;  // the matched route pattern, e.g. "/api/v1/users/{id}"; for metrics and logs
  Actor actor;
  std::int64_t session_id = 0;  // non-zero when authenticated by a browser session cookie
  std::string request_id;

  /// The value of a path parameter of the matched route, or an empty view.
  std::string_view param(std::string_view name) const;
  /// The first value of a query parameter (percent-decoded), or an empty string.
  std::string query_param(std::string_view name) const;
  /// Every query parameter in order, percent-decoded (a name may repeat).
  std::vector<std::pair<std::string, std::string>> query_params() const;
  /// The value of a cookie sent by the client, or an empty view.
  std::string_view cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  /// When set, the server streams this file as the body instead of `body` (static files).
  std::string file_path;

  /// A JSON response with the given status and already-serialised body.
  static Response json(int status, std::string body);
  /// A plain-text response.
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  /// An empty response (e.g. 204, 304).
  static Response empty(int status);
};

/// True for GET, HEAD and OPTIONS: methods that must not change state.
bool is_safe_method(std::string_view method);
/// Decodes %XX escapes (and '+' as space when `plus_is_space`); nullopt-free: bad escapes stay literal.
std::string percent_decode(std::string_view text, bool plus_is_space = false);

}  // namespace tandem::net
