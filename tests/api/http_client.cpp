#include "http_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "text_util.h"

namespace tandem::api_test {
namespace {

using Clock = std::chrono::steady_clock;

std::optional<std::size_t> parse_size(std::string_view text, int base) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

ParsedResponse malformed(std::string error) {
  return {ParseState::malformed, {}, std::move(error)};
}

// Parses the status line and header fields of `head` (without the terminating blank line).
std::optional<std::string> parse_head(std::string_view head, HttpResponse& response) {
  const auto line_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, line_end);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 || status_line[8] != ' ') {
    return "bad status line: " + std::string(status_line.substr(0, 80));
  }
  const auto status = parse_size(status_line.substr(9, 3), 10);
  if (!status || *status < 100 || *status > 599) return "bad status code in: " + std::string(status_line);
  response.status = static_cast<int>(*status);
  response.reason = std::string(trim(status_line.substr(12)));
  std::size_t pos = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(pos, end - pos);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return "bad header line: " + std::string(line);
    response.headers.emplace_back(std::string(line.substr(0, colon)),
                                  std::string(trim(line.substr(colon + 1))));
    pos = end + 2;
  }
  return std::nullopt;
}

// Decodes a chunked body starting at `data`; incomplete until the last chunk and the trailers are in.
ParsedResponse decode_chunked(std::string_view data, HttpResponse response) {
  std::size_t pos = 0;
  for (;;) {
    const auto line_end = data.find("\r\n", pos);
    if (line_end == std::string_view::npos) return {};
    std::string_view size_text = data.substr(pos, line_end - pos);
    size_text = trim(size_text.substr(0, size_text.find(';')));
    const auto size = parse_size(size_text, 16);
    if (!size) return malformed("bad chunk size: " + std::string(size_text.substr(0, 40)));
    pos = line_end + 2;
    if (*size == 0) break;
    if (data.size() < pos + *size + 2) return {};
    if (data.substr(pos + *size, 2) != "\r\n") return malformed("chunk not followed by CRLF");
    response.body.append(data.substr(pos, *size));
    pos += *size + 2;
  }
  for (;;) {  // trailer fields, then the blank line
    const auto line_end = data.find("\r\n", pos);
    if (line_end == std::string_view::npos) return {};
    if (line_end == pos) return {ParseState::complete, std::move(response), {}};
    pos = line_end + 2;
  }
}

int connect_to(const std::string& host, int port, std::string& error) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    error = "not an IPv4 address: " + host;
    return -1;
  }
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    error = "cannot connect to " + host + ":" + std::to_string(port) + ": " + std::strerror(errno);
    if (fd >= 0) close(fd);
    return -1;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::max<long long>(left, 0));
}

// Sends `bytes` until all are out, the server answers or hangs up, or the deadline passes.
void send_all(int fd, std::string_view bytes, Clock::time_point deadline) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    pollfd poll_fd{fd, POLLIN | POLLOUT, 0};
    if (poll(&poll_fd, 1, remaining_ms(deadline)) <= 0) return;
    if (poll_fd.revents & (POLLIN | POLLERR | POLLHUP)) return;
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) return;
    if (n > 0) sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (equals_ignoring_case(field, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::string> HttpResponse::header_values(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [field, value] : headers) {
    if (equals_ignoring_case(field, name)) values.push_back(value);
  }
  return values;
}

std::string serialize_request(std::string_view method, std::string_view target, const HeaderList& headers,
                              std::string_view body) {
  std::string out;
  out.reserve(256 + body.size());
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  for (const auto& [name, value] : headers) out.append(name).append(": ").append(value).append("\r\n");
  out.append("\r\n").append(body);
  return out;
}

ParsedResponse parse_response(std::string_view data, bool at_eof, bool head_request) {
  const auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    return at_eof ? malformed("connection closed inside the response head") : ParsedResponse{};
  }
  HttpResponse response;
  if (auto error = parse_head(data.substr(0, head_end), response)) return malformed(std::move(*error));
  const std::string_view rest = data.substr(head_end + 4);
  const bool no_body =
      head_request || response.status < 200 || response.status == 204 || response.status == 304;
  if (no_body) return {ParseState::complete, std::move(response), {}};

  const auto transfer_encoding = response.header("Transfer-Encoding");
  if (transfer_encoding && equals_ignoring_case(trim(*transfer_encoding), "chunked")) {
    ParsedResponse parsed = decode_chunked(rest, std::move(response));
    if (parsed.state == ParseState::incomplete && at_eof)
      return malformed("connection closed inside a chunk");
    return parsed;
  }
  if (const auto length_text = response.header("Content-Length")) {
    const auto length = parse_size(trim(*length_text), 10);
    if (!length) return malformed("bad Content-Length: " + *length_text);
    if (rest.size() < *length) {
      return at_eof ? malformed("connection closed after " + std::to_string(rest.size()) + " of " +
                                std::to_string(*length) + " body bytes")
                    : ParsedResponse{};
    }
    response.body = std::string(rest.substr(0, *length));
    return {ParseState::complete, std::move(response), {}};
  }
  if (!at_eof) return {};
  response.body = std::string(rest);
  return {ParseState::complete, std::move(response), {}};
}

HttpExchange exchange(const std::string& host, int port, std::string_view bytes,
                      std::chrono::milliseconds timeout) {
  HttpExchange result;
  const int fd = connect_to(host, port, result.error);
  if (fd < 0) return result;
  const auto deadline = Clock::now() + timeout;
  send_all(fd, bytes, deadline);
  shutdown(fd, SHUT_WR);

  const bool head_request = bytes.starts_with("HEAD ");
  std::string received;
  bool at_eof = false;
  for (;;) {
    if (at_eof && received.empty()) {
      result.closed_without_response = true;
      result.error = "the server closed the connection without a response";
      break;
    }
    const ParsedResponse parsed = parse_response(received, at_eof, head_request);
    if (parsed.state == ParseState::complete) {
      result.response = std::move(parsed.response);
      break;
    }
    if (parsed.state == ParseState::malformed) {
      result.error = "malformed response: " + parsed.error;
      break;
    }
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, remaining_ms(deadline)) <= 0) {
      result.error = "no complete response within " + std::to_string(timeout.count()) + " ms (received " +
                     std::to_string(received.size()) + " bytes)";
      break;
    }
    char buffer[65536];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      received.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      at_eof = true;  // a reset counts as a close
    }
  }
  close(fd);
  return result;
}

}  // namespace tandem::api_test
