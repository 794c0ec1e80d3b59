#include "net/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "core/waiting.h"

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
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
    out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

ServerHooks hooks_with(std::function<Response(Request&)> handle) {
  return ServerHooks{
      std::move(handle),
      [](ErrorCode code, std::string message) {
        return Response::text(code == ErrorCode::payload_too_large ? 413 : 400, std::move(message));
      },
      [](Request&) -> Result<LiveAdmission> { return Error::make(ErrorCode::unauthenticated, "no"); },
      [](const Actor&) { return std::string("{}"); },
      {}};
}

// A server on a free port with an upload route at /upload (limit 1000 bytes) spooling to a temporary
// folder; other bodies are limited to 100 bytes.
class UploadServer {
 public:
  explicit UploadServer(std::function<Response(Request&)> handle,
                        std::function<std::optional<Response>(Request&)> admit = {}) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tandem-spool-XXXXXX").string();
    spool_ = ::mkdtemp(pattern.data());
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.max_body_bytes = 100;
    options.access_log = false;
    options.upload = {{"/upload"}, 1000, spool_.string()};
    ServerHooks hooks = hooks_with(std::move(handle));
    hooks.admit_upload = std::move(admit);
    server_ = std::make_unique<HttpServer>(options, std::move(hooks), metrics_, hub_);
    port_ = server_->start().value();
  }
  ~UploadServer() {
    server_->stop();
    std::filesystem::remove_all(spool_);
  }

  // Sends `request` on a new connection and returns everything the server answers.
  std::string exchange(std::string_view request) const {
    const int fd = connect_to(port_);
    send_all(fd, request);
    ::shutdown(fd, SHUT_WR);
    std::string answer = read_until_closed(fd);
    ::close(fd);
    return answer;
  }
  // The files left in the spool folder.
  std::size_t spooled_files() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(spool_), {}));
  }

 private:
  Metrics metrics_;
  LiveHub hub_;
  std::filesystem::path spool_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
};

std::string chunked(std::string_view path, std::size_t chunks, std::size_t chunk_size) {
  std::string request =
      "POST " + std::string(path) + " HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (std::size_t i = 0; i < chunks; ++i)
    request +=
        fmt::format("{:x}\r\n{}\r\n", chunk_size, std::string(chunk_size, 'a' + static_cast<char>(i % 26)));
  return request + "0\r\n\r\n";
}

}  // namespace

TEST(HttpServer, StopLetsInFlightRequestsFinishAndClosesIdleConnections) {
  std::latch entered(1);
  Resume release;
  Metrics metrics;
  LiveHub hub;
  ServerOptions options;
  options.port = 0;
  options.io_threads = 2;
  options.access_log = false;
  HttpServer server(options, hooks_with([&](Request&) {
                      // Waits as a write waits for its commit.
                      wait_until_resumed([&](Resume resume) {
                        release = std::move(resume);
                        entered.count_down();
                      });
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
  release();

  const std::string answer = read_until_closed(busy);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 OK")) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
  EXPECT_TRUE(answer.ends_with("finished")) << answer;
  stopped.get();
  ::close(idle);
  ::close(busy);
}

// A server on a free port with one loop thread; state-changing requests to /wait wait until the test
// resumes them, and every other request answers "read" at once.
class OneLoopServer {
 public:
  explicit OneLoopServer(std::function<Response(Request&)> handle_wait) {
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.access_log = false;
    server_ = std::make_unique<HttpServer>(options, hooks_with([handle_wait](Request& request) {
                                             if (request.path == "/wait") return handle_wait(request);
                                             return Response::text(200, "read");
                                           }),
                                           metrics_, hub_);
    port_ = server_->start().value();
  }
  ~OneLoopServer() { server_->stop(); }

  // A connection that has sent `request` (closing its side), or -1.
  int send(std::string_view request) const {
    const int fd = connect_to(port_);
    if (fd < 0) return fd;
    send_all(fd, request);
    ::shutdown(fd, SHUT_WR);
    return fd;
  }

 private:
  Metrics metrics_;
  LiveHub hub_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
};

constexpr std::string_view kPostWait = "POST /wait HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n";
constexpr std::string_view kGetOther = "GET /other HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

TEST(HttpServer, AStateChangingRequestWaitingForItsCommitDoesNotHoldUpItsLoop) {
  std::latch entered(2);
  std::mutex mutex;
  std::vector<Resume> waiting;
  std::vector<std::thread::id> threads;
  OneLoopServer server([&](Request&) {
    wait_until_resumed([&](Resume resume) {
      std::lock_guard lock(mutex);
      waiting.push_back(std::move(resume));
      threads.push_back(std::this_thread::get_id());
      entered.count_down();
    });
    std::lock_guard lock(mutex);
    threads.push_back(std::this_thread::get_id());
    return Response::text(201, "written");
  });
  const int first = server.send(kPostWait);
  const int second = server.send(kPostWait);
  entered.wait();  // both wait at once on the one loop thread

  const int other = server.send(kGetOther);
  const std::string read = read_until_closed(other);
  EXPECT_TRUE(read.ends_with("read")) << read;

  std::thread([&] {
    std::lock_guard lock(mutex);
    for (auto& resume : waiting) resume();
  }).join();
  for (const int fd : {first, second}) {
    const std::string answer = read_until_closed(fd);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 201")) << answer;
    EXPECT_TRUE(answer.ends_with("written")) << answer;
    ::close(fd);
  }
  ::close(other);
  ASSERT_EQ(threads.size(), 4u);
  for (const auto& thread : threads) EXPECT_EQ(thread, threads.front()) << "resumed on the loop's thread";
}

TEST(HttpServer, BlockingWorkOfARequestRunsOffItsLoop) {
  std::latch started(1), release(1);
  std::thread::id handler_thread, work_thread;
  OneLoopServer server([&](Request&) {
    handler_thread = std::this_thread::get_id();
    const std::string out = run_blocking([&] {
      work_thread = std::this_thread::get_id();
      started.count_down();
      release.wait();
      return std::string("hashed");
    });
    return Response::text(200, out);
  });
  const int blocked = server.send(kPostWait);
  started.wait();

  const int other = server.send(kGetOther);
  const std::string read = read_until_closed(other);
  EXPECT_TRUE(read.ends_with("read")) << read;
  release.count_down();
  const std::string answer = read_until_closed(blocked);
  EXPECT_TRUE(answer.ends_with("hashed")) << answer;
  EXPECT_NE(work_thread, handler_thread);
  ::close(blocked);
  ::close(other);
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

TEST(HttpServer, StreamsUploadBodiesToASpoolFileRemovedAfterTheAnswer) {
  std::string seen_body, seen_file, seen_path;
  UploadServer server([&](Request& request) {
    seen_body = request.body;
    seen_path = request.body_file;
    std::ifstream in(request.body_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    seen_file = text.str();
    return Response::text(201, "stored");
  });
  const std::string body(900, 'x');  // over the 100-byte limit of other routes, under the upload limit
  const std::string answer =
      server.exchange("POST /upload?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 900\r\n\r\n" + body);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 201")) << answer;
  EXPECT_EQ(seen_file, body);
  EXPECT_EQ(seen_body, "");
  EXPECT_FALSE(seen_path.empty());
  EXPECT_FALSE(std::filesystem::exists(seen_path)) << "removed once answered";
  EXPECT_EQ(server.spooled_files(), 0u);

  const std::string chunked_answer = server.exchange(chunked("/upload", 3, 300));
  EXPECT_TRUE(chunked_answer.starts_with("HTTP/1.1 201")) << chunked_answer;
  EXPECT_EQ(seen_file.size(), 900u);
  EXPECT_EQ(seen_file.substr(300, 3), "bbb");
}

TEST(HttpServer, RefusesUploadsOverTheirLimitAndRemovesWhatWasSpooled) {
  bool handled = false;
  UploadServer server([&](Request&) {
    handled = true;
    return Response::text(201, "stored");
  });
  const std::string by_length = server.exchange(
      "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n" + std::string(1001, 'x'));
  EXPECT_TRUE(by_length.starts_with("HTTP/1.1 413")) << by_length;
  EXPECT_NE(by_length.find("1000 bytes"), std::string::npos) << by_length;
  const std::string growing = server.exchange(chunked("/upload", 5, 300));
  EXPECT_TRUE(growing.starts_with("HTTP/1.1 413")) << growing;
  EXPECT_FALSE(handled);
  EXPECT_EQ(server.spooled_files(), 0u);
  const std::string other_route = server.exchange(
      "POST /other HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n" + std::string(101, 'x'));
  EXPECT_TRUE(other_route.starts_with("HTTP/1.1 413"))
      << "other routes keep their own limit: " << other_route;
}

TEST(HttpServer, UploadsTheAdmitHookRefusesAreNeitherReadNorSpooled) {
  bool handled = false;
  std::size_t spooled_while_admitting = 99;
  std::unique_ptr<UploadServer> server;
  server = std::make_unique<UploadServer>(
      [&](Request&) {
        handled = true;
        return Response::text(201, "stored");
      },
      [&](Request& request) -> std::optional<Response> {
        spooled_while_admitting = server->spooled_files();
        if (request.headers.get("Authorization") == "yes") return std::nullopt;
        return Response::text(401, "sign in first");
      });
  const std::string refused =
      server->exchange("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789");
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 401")) << refused;
  EXPECT_NE(refused.find("Connection: close"), std::string::npos) << refused;
  EXPECT_FALSE(handled);
  EXPECT_EQ(spooled_while_admitting, 0u);
  EXPECT_EQ(server->spooled_files(), 0u);
  const std::string admitted = server->exchange(
      "POST /upload HTTP/1.1\r\nHost: t\r\nAuthorization: yes\r\nContent-Length: 10\r\n\r\n0123456789");
  EXPECT_TRUE(admitted.starts_with("HTTP/1.1 201")) << admitted;
  EXPECT_TRUE(handled);
}

TEST(HttpServer, AnswersPipelinedRequestsWithBodiesFilesAndHeadsOnOneConnection) {
  const auto file = std::filesystem::temp_directory_path() / "tandem-server-test-file";
  std::string content;
  for (int i = 0; content.size() < 200'000; ++i) content += std::to_string(i) + ",";
  std::ofstream(file, std::ios::binary) << content;
  UploadServer server([&](Request& request) {
    if (request.path == "/file") {
      Response response = Response::empty(200);
      response.file_path = file.string();
      return response;
    }
    if (request.path == "/unchanged") return Response::text(304, "a body the status forbids");
    return Response::text(200, "hello");
  });
  const std::string answer = server.exchange(
      "GET /file HTTP/1.1\r\nHost: t\r\n\r\n"
      "HEAD /file HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /unchanged HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /hello HTTP/1.0\r\nHost: t\r\n\r\n");
  std::filesystem::remove(file);
  const std::string length = "Content-Length: " + std::to_string(content.size()) + "\r\n";
  const auto request_id = [](int n) { return "X-Request-Id: 0-" + std::to_string(n) + "\r\n"; };
  EXPECT_EQ(answer, "HTTP/1.1 200 OK\r\n" + request_id(1) + "Server: tandem\r\n" + length + "\r\n" + content +
                        "HTTP/1.1 200 OK\r\n" + request_id(2) + "Server: tandem\r\n" + length + "\r\n" +
                        "HTTP/1.1 304 Not Modified\r\nContent-Type: text/plain; charset=utf-8\r\n" +
                        request_id(3) + "Server: tandem\r\n\r\n" +
                        "HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n" + request_id(4) +
                        "Server: tandem\r\nContent-Length: 5\r\n\r\nhello");
}

}  // namespace tandem::net
