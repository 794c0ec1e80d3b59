// The HTTP/1.1 + WebSocket server. One event loop per core (SO_REUSEPORT), requests that change state
// run on a worker pool so a blocking commit never stalls a loop. This header is Beast-free.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "net/http.h"
#include "net/live_hub.h"
#include "net/metrics.h"

namespace tandem::net {

/// Routes whose request bodies are streamed into files in `spool_dir` instead of memory (file uploads).
struct UploadRoute {
  std::vector<std::string> paths;       // exact paths of POST routes; empty = none
  std::uint64_t max_bytes = 100 << 20;  // larger bodies get 413 (by Content-Length, or while reading)
  std::string spool_dir;                // created at start; stale `upload-*` files are removed then
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;                 // 0 picks a free port
  unsigned io_threads = 0;                   // 0 = one per core
  unsigned worker_threads = 32;              // for what requests send off their loop (run_blocking)
  std::size_t max_header_bytes = 16 * 1024;  // larger heads get 431
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413
  std::chrono::seconds idle_timeout{60};     // keep-alive wait for the next request
  std::chrono::seconds read_timeout{30};     // time to send a whole request body (408 after)
  std::size_t max_connections = 10000;       // beyond: 503 and close
  std::chrono::seconds shutdown_grace{10};   // in-flight requests get this long on stop
  std::string live_path = "/api/v1/live";    // the WebSocket endpoint
  UploadRoute upload;                        // the body of POST upload.path goes to Request::body_file
  bool access_log = true;
};

struct ServerHooks {
  /// The application: answers every HTTP request (runs on an event loop or a worker).
  std::function<Response(Request&)> handle;
  /// Renders an error the wire layer detects itself (limits, timeouts, malformed HTTP).
  std::function<Response(ErrorCode, std::string message)> render_error;
  /// Authenticates a WebSocket upgrade at live_path: the admitted client, or an error response to send
  /// instead.
  std::function<Result<LiveAdmission>(Request&)> authenticate_live;
  /// The first message a live client receives.
  std::function<std::string(const Actor&)> live_hello;
  /// Checks the head of an upload before its body is read: a response to send instead (e.g. 401), or
  /// nullopt to read the body and call `handle`. Runs on the event loop. Unset = every upload is read.
  std::function<std::optional<Response>(Request&)> admit_upload;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, ServerHooks hooks, Metrics& metrics, LiveHub& hub);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and starts the event loops. Returns the bound port. Errors: unavailable (address in use...).
  Result<std::uint16_t> start();
  /// Stops accepting, lets in-flight requests finish (up to shutdown_grace), closes live clients, and
  /// joins every thread. Thread-safe and idempotent; returns when the server has stopped.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tandem::net
