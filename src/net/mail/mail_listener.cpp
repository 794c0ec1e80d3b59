#include "net/mail/mail_listener.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

namespace tandem::net {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

}  // namespace

MailListener::MailListener(MailListenerOptions options, MailHooks hooks)
    : options_(std::move(options)), hooks_(std::move(hooks)) {}

MailListener::~MailListener() {
  stop();
}

Result<std::uint16_t> MailListener::start() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(options_.port);
  if (getaddrinfo(options_.host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
    return Error::make(ErrorCode::validation_failed,
                       "mail listen host \"" + options_.host + "\" is not an address");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owner(found, freeaddrinfo);
  const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int on = 1;
  if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (fd < 0 || ::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Error{
        ErrorCode::unavailable, "cannot listen for mail on " + options_.host + ":" + port, reason, {}};
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  const std::uint16_t bound_port =
      ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                        : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  listen_fd_ = fd;
  stopping_ = false;
  acceptor_ = std::thread([this] { accept_loop(); });
  return bound_port;
}

void MailListener::accept_loop() {
  while (!stopping_) {
    pollfd waiting{listen_fd_, POLLIN, 0};
    if (::poll(&waiting, 1, 200) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    reap(false);
    std::lock_guard lock(mutex_);
    if (connections_.size() >= options_.max_connections) {
      send_all(fd, "421 4.3.2 too many connections, try again later\r\n");
      ::close(fd);
      continue;
    }
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    Connection& ref = *connection;
    connections_.push_back(std::move(connection));
    ref.thread = std::thread([this, &ref] {
      serve(ref);
      ref.done = true;
    });
  }
}

void MailListener::serve(Connection& connection) {
  timeval timeout{static_cast<time_t>(options_.idle_timeout.count()), 0};
  setsockopt(connection.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  MailSession session(options_.limits, hooks_);
  bool open = send_all(connection.fd, session.greeting());
  std::string chunk(kReadChunk, '\0');
  while (open && !session.closed()) {
    const ssize_t got = ::recv(connection.fd, chunk.data(), chunk.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      send_all(connection.fd, "421 4.4.2 idle too long, closing\r\n");
      break;
    }
    if (got <= 0) break;
    try {
      open = send_all(connection.fd,
                      session.feed(std::string_view(chunk.data(), static_cast<std::size_t>(got))));
    } catch (const std::exception& e) {
      spdlog::error("mail: session failed: {}", e.what());
      send_all(connection.fd, "421 4.3.0 internal error, closing\r\n");
      break;
    }
  }
  ::shutdown(connection.fd, SHUT_RDWR);
}

void MailListener::reap(bool all) {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (all || (*it)->done) {
        if (all) ::shutdown((*it)->fd, SHUT_RDWR);
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : finished) {
    if (connection->thread.joinable()) connection->thread.join();
    ::close(connection->fd);
  }
}

void MailListener::stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  reap(true);
}

}  // namespace tandem::net
