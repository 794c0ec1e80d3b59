#include "net/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <latch>
#include <thread>

namespace tandem::net {

namespace {

// A blocking client socket connected to 127.0.0.1:port, or -1 when the connection is refused.
int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    ASSERT_GT(n, 0);
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Everything the server sends until it closes the connection.
std::string read_until_closed(int fd) {
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

ServerHooks hooks_with(std::function<Response(Request&)> handle) {
  return ServerHooks{std::move(handle),
                     [](ErrorCode code, std::string message) {
                       return Response::text(code == ErrorCode::payload_too_large ? 413 : 400, std::move(message));
                     },
                     [](Request&) -> Result<Actor> { return Error::make(ErrorCode::unauthenticated, "no"); },
                     [](const Actor&) { return std::string("{}"); }};
}

}  // namespace

TEST(HttpServer, StopLetsInFlightRequestsFinishAndClosesIdleConnections) {
  std::latch entered(1), release(1);
  Metrics metrics;
  LiveHub hub;
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.access_log = false;
  HttpServer server(options,
                    hooks_with([&](Request&) {
                      entered.count_down();
                      release.wait();
                      return Response::text(200, "finished");
                    }),
                    metrics, hub);
  auto port = server.start();
  ASSERT_TRUE(port.ok());

  const int idle = connect_to(port.value());
  const int busy = connect_to(port.value());
  ASSERT_GE(idle, 0);
  ASSERT_GE(busy, 0);
  send_all(busy, "POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
  entered.wait();  // the request is in its handler

  auto stopped = std::async(std::launch::async, [&] { server.stop(); });
  // Once the server refuses new connections, shutdown has begun while the request is still running.
  for (int fd; (fd = connect_to(port.value())) >= 0;) {
    ::close(fd);
    std::this_thread::yield();
  }
  EXPECT_EQ(read_until_closed(idle), "") << "an idle keep-alive connection is closed without a response";
  release.count_down();

  const std::string answer = read_until_closed(busy);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 OK")) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_TRUE(answer.ends_with("finished")) << answer;
  stopped.get();
  ::close(idle);
  ::close(busy);
}

TEST(HttpServer, RefusesOversizedBodiesBeforeReadingThem) {
  Metrics metrics;
  LiveHub hub;
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.max_body_bytes = 1024;
  options.access_log = false;
  bool handled = false;
  HttpServer server(options, hooks_with([&](Request&) {
                      handled = true;
                      return Response::text(200, "read it");
                    }),
                    metrics, hub);
  auto port = server.start();
  ASSERT_TRUE(port.ok());
  const int fd = connect_to(port.value());
  send_all(fd, "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1048576\r\n\r\n");
  EXPECT_TRUE(read_until_closed(fd).starts_with("HTTP/1.1 413")) << "answered from the Content-Length alone";
  ::close(fd);
  EXPECT_FALSE(handled);
  server.stop();
}

}  // namespace tandem::net
