#include "net/response_head.h"

#include <algorithm>

#include "core/decimal.h"

namespace tandem::net {

namespace {

bool holds_line_break(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; });
}

}  // namespace

bool status_has_no_body(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

std::string response_head(const Response& response, std::string_view reason, unsigned minor_version,
                          bool keep_alive, std::uint64_t body_length) {
  std::string out;
  out.reserve(256);
  out.append(minor_version == 0 ? "HTTP/1.0 " : "HTTP/1.1 ");
  append_decimal(out, response.status);
  out.push_back(' ');
  out.append(reason);
  out.append("\r\n");
  for (const auto& [name, value] : response.headers.fields()) {
    if (holds_line_break(name) || holds_line_break(value)) continue;
    out.append(name).append(": ").append(value).append("\r\n");
  }
  out.append("Server: tandem\r\n");
  if (minor_version == 0 && keep_alive) out.append("Connection: keep-alive\r\n");
  if (minor_version != 0 && !keep_alive) out.append("Connection: close\r\n");
  if (!status_has_no_body(response.status)) {
    out.append("Content-Length: ");
    append_decimal(out, body_length);
    out.append("\r\n");
  }
  out.append("\r\n");
  return out;
}

}  // namespace tandem::net
