// The LMTP/SMTP listener: a plain TCP server (POSIX sockets, a thread per connection, bounded) that runs a
// MailSession per connection. Kept apart from the HTTP server: it shares nothing with it but the process.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "net/mail/mail_session.h"

namespace tandem::net {

struct MailListenerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 2525;  // 0 picks a free port
  std::size_t max_connections = 64;
  std::chrono::seconds idle_timeout{300};  // a client silent this long is dropped
  MailLimits limits;
};

class MailListener {
 public:
  MailListener(MailListenerOptions options, MailHooks hooks);
  ~MailListener();
  MailListener(const MailListener&) = delete;
  MailListener& operator=(const MailListener&) = delete;

  /// Binds and starts accepting; returns the bound port. Errors: unavailable (cannot bind), validation_failed
  /// (the host is not an address).
  Result<std::uint16_t> start();
  /// Stops accepting, ends open connections and waits for their threads. Idempotent.
  void stop();

 private:
  struct Connection {
    int fd = -1;
    std::atomic<bool> done{false};
    std::thread thread;
  };
  void accept_loop();
  void serve(Connection& connection);
  void reap(bool all);

  MailListenerOptions options_;
  MailHooks hooks_;
  int listen_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::list<std::unique_ptr<Connection>> connections_;
};

}  // namespace tandem::net
