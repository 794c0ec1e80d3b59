// A running Tandem server: the runtime, the API app, the live hub and the HTTP server, wired as
// `tandem serve` runs them. Also used by tests that need a whole server in-process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/config.h"
#include "app/runtime.h"
#include "core/result.h"

namespace tandem::app {

class TandemServer {
 public:
  /// Opens the store (migrating it) and starts serving on config.listen. Errors: the store's or the
  /// listener's (e.g. unavailable when the port is taken), validation_failed for a bad listen address.
  static Result<std::unique_ptr<TandemServer>> start(const Config& config);
  ~TandemServer();

  /// The port actually bound (useful with port 0).
  std::uint16_t port() const { return port_; }
  /// The address clients use: "http://HOST:PORT" (IPv6 hosts in brackets), with the bound port.
  std::string url() const;
  /// The store and services, e.g. to act as another user in a test.
  Runtime& runtime() { return *runtime_; }
  /// Authenticates every live client again now, as the server does every few seconds: a changed role
  /// applies to the next event, and a client whose session or token has ended is disconnected.
  void recheck_live_clients();
  /// Graceful stop: in-flight requests finish, live clients are closed, the store is closed. Idempotent.
  void stop();

 private:
  struct Parts;
  TandemServer() = default;
  std::unique_ptr<Runtime> runtime_;
  std::unique_ptr<Parts> parts_;
  std::string host_;
  std::uint16_t port_ = 0;
};

}  // namespace tandem::app
