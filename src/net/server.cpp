#include <utility>  // before Asio: Boost 1.74 with C++20 needs it first

#include "net/server.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <limits>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_set>

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "net/request_fiber.h"
#include "net/response_head.h"

namespace tandem::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using asio::use_awaitable;

namespace {

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
using Clock = std::chrono::steady_clock;

// The request head as a Request; the caller fills in the body.
Request to_request(const http::request_header<>& in, std::string remote_address) {
  Request request;
  request.method = std::string(in.method_string());
  request.target = std::string(in.target());
  const auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  for (const auto& field : in)
    request.headers.add(std::string(field.name_string()), std::string(field.value()));
  request.remote_address = std::move(remote_address);
  return request;
}

// A new empty file in a spool folder, removed with this object (after the response is written).
class SpoolFile {
 public:
  static constexpr std::string_view kPrefix = "upload-";

  SpoolFile() = default;
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  ~SpoolFile() { remove(); }

  // Creates the file in `dir`; false when it cannot.
  bool create(const std::string& dir) {
    std::string pattern = (std::filesystem::path(dir) / (std::string(kPrefix) + "XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return false;
    ::close(fd);
    path_ = std::move(pattern);
    return true;
  }
  const std::string& path() const { return path_; }
  // Removes the file now (before an error answer, so a client never sees it outlive its request).
  void remove() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove(path_, ignored);
    path_.clear();
  }

 private:
  std::string path_;
};

// An id for a request: the client's X-Request-Id when it is short and plain, else a fresh one.
std::string request_id_for(const Request& request, unsigned loop_index, std::uint64_t sequence) {
  const std::string_view given = request.headers.get("X-Request-Id");
  const bool plain =
      !given.empty() && given.size() <= 64 &&
      given.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
          std::string_view::npos;
  if (plain) return std::string(given);
  return std::to_string(loop_index) + "-" + std::to_string(sequence);
}

// A WebSocket client of the live channel. Lives on its connection's event loop; send() may be called
// from any thread.
class LiveSession final : public LiveSink, public std::enable_shared_from_this<LiveSession> {
 public:
  LiveSession(websocket::stream<beast::tcp_stream> ws, asio::io_context& ioc)
      : ws_(std::move(ws)), ioc_(ioc) {}

  void send(std::string text) override {
    asio::post(ioc_, [self = shared_from_this(), text = std::move(text)]() mutable {
      self->enqueue(std::move(text));
    });
  }

  /// Queues text to be sent, ahead of everything posted to the loop meanwhile; only on the connection's loop.
  void enqueue(std::string text) {
    if (closing_) return;
    if (queue_.size() >= kMaxQueued) return close();
    queue_.push_back(std::move(text));
    if (!writing_) write_next();
  }

  // Reads (and drops) client frames until the connection closes; the hub writes meanwhile.
  asio::awaitable<void> read_until_closed() {
    beast::flat_buffer buffer;
    for (;;) {
      beast::error_code ec;
      co_await ws_.async_read(buffer, asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      buffer.consume(buffer.size());
    }
  }

  void disconnect() override {
    asio::post(ioc_, [self = shared_from_this()] { self->close(); });
  }

  // Starts the closing handshake (server shutdown, a client too slow to keep up, or signed out).
  void close() {
    if (closing_) return;
    closing_ = true;
    ws_.async_close(websocket::close_code::going_away, [self = shared_from_this()](beast::error_code) {});
  }

 private:
  static constexpr std::size_t kMaxQueued = 1024;

  void write_next() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->queue_.pop_front();
                      if (ec || self->queue_.empty()) {
                        self->writing_ = false;
                        return;
                      }
                      self->write_next();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  asio::io_context& ioc_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool closing_ = false;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, ServerHooks hooks, Metrics& metrics, LiveHub& hub)
      : options_(std::move(options)),
        hooks_(std::move(hooks)),
        metrics_(metrics),
        hub_(hub),
        workers_(options_.worker_threads) {}

  ~Impl() { stop(); }

  Result<std::uint16_t> start() {
    const unsigned n =
        options_.io_threads ? options_.io_threads : std::max(1u, std::thread::hardware_concurrency());
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.host, ec);
    if (ec)
      return Error{ErrorCode::unavailable, "bad listen address", "bad listen host " + options_.host, {}};
    TANDEM_TRY(prepare_spool_dir());
    std::uint16_t port = options_.port;
    for (unsigned i = 0; i < n; ++i) {
      auto loop = std::make_unique<Loop>();
      loop->index = i;
      tcp::endpoint endpoint(address, port);
      loop->acceptor.open(endpoint.protocol(), ec);
      if (!ec) loop->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec) loop->acceptor.set_option(ReusePort(true), ec);
      if (!ec) loop->acceptor.bind(endpoint, ec);
      if (!ec) loop->acceptor.listen(asio::socket_base::max_listen_connections, ec);
      if (ec)
        return Error{ErrorCode::unavailable,
                     "cannot listen on " + options_.host + ":" + std::to_string(port),
                     ec.message(),
                     {}};
      port = loop->acceptor.local_endpoint().port();
      loops_.push_back(std::move(loop));
    }
    running_loops_ = loops_.size();
    for (auto& loop : loops_) {
      asio::co_spawn(loop->ioc, accept_loop(*loop), asio::detached);
      loop->thread = std::thread([this, l = loop.get()] {
        l->ioc.run();
        std::lock_guard lock(stop_mutex_);
        --running_loops_;
        stop_cv_.notify_all();
      });
    }
    return port;
  }

  void stop() {
    std::unique_lock lock(stop_mutex_);
    if (stopped_ || loops_.empty()) return;
    stopped_ = true;
    stopping_ = true;
    for (auto& loop : loops_) asio::post(loop->ioc, [l = loop.get()] { begin_shutdown(*l); });
    if (!stop_cv_.wait_for(lock, options_.shutdown_grace, [&] { return running_loops_ == 0; })) {
      spdlog::warn("server: in-flight requests still running after {}s; stopping anyway",
                   options_.shutdown_grace.count());
      for (auto& loop : loops_) loop->ioc.stop();
    }
    lock.unlock();
    for (auto& loop : loops_) {
      if (loop->thread.joinable()) loop->thread.join();
      loop->fiber_mailbox->close();
    }
    workers_.join();
  }

 private:
  struct Loop {
    unsigned index = 0;
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;
    std::uint64_t sequence = 0;
    FiberStacks fiber_stacks;
    std::shared_ptr<FiberMailbox> fiber_mailbox = std::make_shared<FiberMailbox>(ioc);
    std::unordered_set<beast::tcp_stream*> streams;  // HTTP connections, touched on this loop only
    std::unordered_set<LiveSession*> live_sessions;  // WebSocket clients, likewise
  };

  // Runs on the loop: no new connections, idle keep-alive connections end, live clients are closed.
  static void begin_shutdown(Loop& loop) {
    beast::error_code ec;
    loop.acceptor.close(ec);
    for (auto* stream : loop.streams) stream->socket().shutdown(tcp::socket::shutdown_receive, ec);
    for (auto* session : loop.live_sessions) session->close();
  }

  asio::awaitable<void> accept_loop(Loop& loop) {
    for (;;) {
      tcp::socket socket(loop.ioc);
      beast::error_code ec;
      co_await loop.acceptor.async_accept(socket, asio::redirect_error(use_awaitable, ec));
      if (stopping_ || ec == asio::error::operation_aborted) {
        // Close here too: this loop may run out of work and end before begin_shutdown reaches it, and an
        // open SO_REUSEPORT listener nobody accepts on would still be handed new connections.
        loop.acceptor.close(ec);
        co_return;
      }
      if (ec) {  // e.g. out of file descriptors: back off instead of spinning
        spdlog::warn("server: accept failed: {}", ec.message());
        asio::steady_timer pause(loop.ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(loop.ioc, serve_connection(loop, std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> serve_connection(Loop& loop, tcp::socket socket) {
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    const std::string remote_address = ec ? std::string() : remote.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    metrics_.connection_opened();
    loop.streams.insert(&stream);
    struct Cleanup {
      Loop& loop;
      beast::tcp_stream* stream;
      Metrics& metrics;
      ~Cleanup() {
        loop.streams.erase(stream);
        metrics.connection_closed();
      }
    } cleanup{loop, &stream, metrics_};

    if (static_cast<std::size_t>(metrics_.open_connections()) > options_.max_connections) {
      Response busy = hooks_.render_error(ErrorCode::unavailable, "too many connections; retry shortly");
      busy.headers.set("Retry-After", "1");
      co_await write_response(stream, busy, 11, false, false);
      co_return;
    }

    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::empty_body> head;
      head.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      // Checked below, once the route (and so its limit) is known. (Not boost::none: Boost 1.74 compares a
      // Content-Length with an empty optional as larger.)
      head.body_limit(std::numeric_limits<std::uint64_t>::max());
      stream.expires_after(options_.idle_timeout);
      co_await http::async_read_header(stream, buffer, head, asio::redirect_error(use_awaitable, ec));
      if (ec) {
        co_await answer_read_error(stream, ec, head.got_some() || buffer.size() > 0, options_.max_body_bytes);
        co_return;
      }
      const unsigned version = head.get().version();
      const bool client_keep_alive = head.get().keep_alive();
      const bool upload = is_upload(head.get());
      const std::uint64_t limit = upload ? options_.upload.max_bytes : options_.max_body_bytes;
      if (head.content_length().value_or(0) > limit) {
        co_await answer_read_error(stream, http::error::body_limit, true, limit);
        co_return;
      }
      Request request;
      SpoolFile spool;
      if (upload) {
        request = begin_request(loop, head.get(), remote_address);
        std::optional<Response> refusal = run_admit_upload(request);
        if (!refusal && !spool.create(options_.upload.spool_dir))
          refusal = hooks_.render_error(ErrorCode::unavailable, "cannot take uploads right now");
        if (refusal) {  // the body stays unread, so the connection closes after the answer
          co_await refuse(stream, *refusal, request, version);
          co_return;
        }
        http::request_parser<http::file_body> parser(std::move(head));
        parser.body_limit(limit);
        parser.get().body().open(spool.path().c_str(), beast::file_mode::write, ec);
        if (!ec) ec = co_await read_body(stream, buffer, parser);
        if (ec) {
          spool.remove();
          co_await answer_read_error(stream, ec, true, limit);
          co_return;
        }
        parser.get().body().close();
        request.body_file = spool.path();
      } else {
        http::request_parser<http::string_body> parser(std::move(head));
        parser.body_limit(limit);
        ec = co_await read_body(stream, buffer, parser);
        if (ec) {
          co_await answer_read_error(stream, ec, true, limit);
          co_return;
        }
        if (websocket::is_upgrade(parser.get()) && parser.get().target() == options_.live_path) {
          co_await serve_live(loop, std::move(stream), parser.release(), remote_address);
          co_return;
        }
        request = begin_request(loop, parser.get(), remote_address);
        request.body = std::move(parser.get().body());
      }
      const auto started = Clock::now();
      // Reads answer on the loop; writes may wait for a commit, so they run on a fiber of the loop, which
      // serves other connections while they wait. (No co_await inside ?: — g++ 12 miscompiles it.)
      Response response;
      if (is_safe_method(request.method)) {
        response = run_handler(request);
      } else {
        // A suspended fiber does not count as work on this loop: without the guard a stopping loop could
        // finish before the fiber's answer is written.
        const auto loop_busy = asio::make_work_guard(loop.ioc);
        response = co_await run_on_fiber(loop, request);
      }
      response.headers.set("X-Request-Id", request.request_id);
      const bool keep_alive = client_keep_alive && !stopping_;
      const std::size_t bytes = response.body.size();
      ec = co_await write_response(stream, response, version, keep_alive, request.method == "HEAD");
      record(request, response.status, bytes, started);
      if (ec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  bool is_upload(const http::request_header<>& head) const {
    if (options_.upload.paths.empty() || head.method() != http::verb::post) return false;
    const std::string_view target(head.target().data(), head.target().size());
    const auto path = target.substr(0, target.find('?'));
    return std::find(options_.upload.paths.begin(), options_.upload.paths.end(), path) !=
           options_.upload.paths.end();
  }

  // The Request for a head, with its request id.
  Request begin_request(Loop& loop, const http::request_header<>& head, std::string remote_address) {
    Request request = to_request(head, std::move(remote_address));
    request.request_id = request_id_for(request, loop.index, ++loop.sequence);
    return request;
  }

  // Reads the rest of a request whose head `parser` holds, answering `Expect: 100-continue` first.
  template <class Body>
  asio::awaitable<beast::error_code> read_body(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                               http::request_parser<Body>& parser) {
    beast::error_code ec;
    if (parser.is_done()) co_return ec;
    if (parser.get()[http::field::expect] == "100-continue") {
      http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
      co_await http::async_write(stream, go_on, asio::redirect_error(use_awaitable, ec));
      if (ec) co_return ec;
    }
    stream.expires_after(options_.read_timeout);
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    co_return ec;
  }

  // Answers a request whose body will not be read, then closes the connection.
  asio::awaitable<void> refuse(beast::tcp_stream& stream, Response& response, const Request& request,
                               unsigned version) {
    const auto started = Clock::now();
    response.headers.set("X-Request-Id", request.request_id);
    co_await write_response(stream, response, version, false, false);
    record(request, response.status, response.body.size(), started);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Creates the upload spool folder and removes what a previous run left in it.
  Status prepare_spool_dir() {
    if (options_.upload.paths.empty()) return {};
    std::error_code ec;
    std::filesystem::create_directories(options_.upload.spool_dir, ec);
    if (ec)
      return Error{ErrorCode::unavailable,
                   "cannot create the upload folder " + options_.upload.spool_dir,
                   ec.message(),
                   {}};
    for (const auto& entry : std::filesystem::directory_iterator(options_.upload.spool_dir, ec))
      if (entry.path().filename().string().starts_with(SpoolFile::kPrefix))
        std::filesystem::remove(entry.path(), ec);
    return {};
  }

  Response run_handler(Request& request) {
    try {
      return hooks_.handle(request);
    } catch (const std::exception& e) {
      spdlog::error("server: handler for {} {} threw: {}", request.method, request.path, e.what());
    } catch (...) {
      spdlog::error("server: handler for {} {} threw something other than an exception", request.method,
                    request.path);
    }
    return hooks_.render_error(ErrorCode::internal, "internal error");
  }

  // Answers `request` from a fiber of `loop` (request_fiber.h).
  asio::awaitable<Response> run_on_fiber(Loop& loop, Request& request) {
    Response response;  // like `request`, in this coroutine's frame, which outlives the fiber's use of it
    co_await asio::async_initiate<decltype(use_awaitable), void()>(
        [&](auto resume_coroutine) {
          auto resume = std::make_shared<decltype(resume_coroutine)>(std::move(resume_coroutine));
          start_fiber(
              loop.fiber_stacks, loop.fiber_mailbox, workers_,
              [this, &request, &response] { response = run_handler(request); }, [resume] { (*resume)(); });
        },
        use_awaitable);
    co_return response;
  }

  std::optional<Response> run_admit_upload(Request& request) {
    if (!hooks_.admit_upload) return std::nullopt;
    try {
      return hooks_.admit_upload(request);
    } catch (const std::exception& e) {
      spdlog::error("server: admitting the upload {} threw: {}", request.path, e.what());
      return hooks_.render_error(ErrorCode::internal, "internal error");
    }
  }

  // Answers a request that could not be read (limits, timeout, malformed), or closes quietly when the
  // client simply went away.
  asio::awaitable<void> answer_read_error(beast::tcp_stream& stream, beast::error_code ec, bool got_bytes,
                                          std::uint64_t body_limit) {
    ErrorCode code;
    std::string message;
    if (ec == http::error::header_limit) {
      code = ErrorCode::headers_too_large, message = "request headers are too large";
    } else if (ec == http::error::body_limit) {
      code = ErrorCode::payload_too_large,
      message = "request body is larger than " + std::to_string(body_limit) + " bytes";
    } else if (ec == beast::errc::no_space_on_device) {
      code = ErrorCode::unavailable, message = "no room to store the request body";
    } else if (ec == beast::error::timeout && got_bytes) {
      code = ErrorCode::request_timeout, message = "the request was not received in time";
    } else if (ec.category() == beast::error_code(http::error::end_of_stream).category() &&
               ec != http::error::end_of_stream && ec != http::error::partial_message) {
      code = ErrorCode::bad_request, message = "malformed HTTP request";
    } else {
      co_return;  // closed, reset, idle timeout, shutdown
    }
    const auto started = Clock::now();
    Response response = hooks_.render_error(code, message);
    co_await write_response(stream, response, 11, false, false);
    Request unread;
    unread.method = "-";
    unread.path = "-";
    record(unread, response.status, response.body.size(), started);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Writes `response` (its body, or the file it names) with the head response_head builds: head and body
  // in one gather write, a file in chunks after the head. HEAD requests and bodiless statuses get the head
  // alone. An error means the connection cannot be used further.
  asio::awaitable<beast::error_code> write_response(beast::tcp_stream& stream, Response& response,
                                                    unsigned version, bool keep_alive, bool head_only) {
    stream.expires_after(options_.read_timeout);
    beast::error_code ec;
    beast::file file;
    std::uint64_t body_length = response.body.size();
    const bool has_file = !response.file_path.empty();
    if (has_file) {
      file.open(response.file_path.c_str(), beast::file_mode::scan, ec);
      if (!ec) body_length = file.size(ec);
      if (ec) {
        Response missing = hooks_.render_error(ErrorCode::not_found, "file not found");
        co_return co_await write_response(stream, missing, version, keep_alive, head_only);
      }
    }
    const auto reason = http::obsolete_reason(static_cast<http::status>(response.status));
    const std::string head = response_head(response, std::string_view(reason.data(), reason.size()),
                                           version == 10 ? 0u : 1u, keep_alive, body_length);
    const bool send_body = !head_only && !status_has_no_body(response.status);
    const std::array<asio::const_buffer, 2> message{
        asio::buffer(head), send_body && !has_file ? asio::buffer(response.body) : asio::const_buffer()};
    co_await asio::async_write(stream, message, asio::redirect_error(use_awaitable, ec));
    if (ec || !has_file || !send_body) co_return ec;
    co_return co_await write_file(stream, file, body_length);
  }

  // Writes the first `length` bytes of `file` in chunks; an error when the file ends sooner, since the
  // head promised that many.
  static asio::awaitable<beast::error_code> write_file(beast::tcp_stream& stream, beast::file& file,
                                                       std::uint64_t length) {
    constexpr std::size_t kChunkBytes = 64 * 1024;
    std::string chunk(static_cast<std::size_t>(std::min<std::uint64_t>(length, kChunkBytes)), '\0');
    beast::error_code ec;
    while (length > 0) {
      const std::size_t wanted = static_cast<std::size_t>(std::min<std::uint64_t>(length, chunk.size()));
      const std::size_t got = file.read(chunk.data(), wanted, ec);
      if (ec) co_return ec;
      if (got == 0) co_return beast::error_code(asio::error::eof);
      co_await asio::async_write(stream, asio::buffer(chunk.data(), got),
                                 asio::redirect_error(use_awaitable, ec));
      if (ec) co_return ec;
      length -= got;
    }
    co_return ec;
  }

  asio::awaitable<void> serve_live(Loop& loop, beast::tcp_stream stream,
                                   http::request<http::string_body> upgrade, std::string remote_address) {
    const auto started = Clock::now();
    Request request = begin_request(loop, upgrade, std::move(remote_address));
    request.route = options_.live_path;
    auto admitted = hooks_.authenticate_live(request);
    if (!admitted.ok()) {
      Response refused = hooks_.render_error(admitted.error().code, admitted.error().message);
      co_await write_response(stream, refused, upgrade.version(), false, false);
      record(request, refused.status, refused.body.size(), started);
      co_return;
    }
    loop.streams.erase(&stream);  // from here on the WebSocket owns the connection
    websocket::stream<beast::tcp_stream> ws(std::move(stream));
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws.read_message_max(64 * 1024);
    beast::error_code ec;
    co_await ws.async_accept(upgrade, asio::redirect_error(use_awaitable, ec));
    record(request, 101, 0, started);
    if (ec) co_return;
    auto session = std::make_shared<LiveSession>(std::move(ws), loop.ioc);
    loop.live_sessions.insert(session.get());
    // Subscribed before the hello is sent: the client may act as soon as it reads the hello, and must hear
    // of what follows. The hello still goes first: it is queued at once, on this loop's only thread, before
    // the loop can run any event the hub posts meanwhile. (Not posted itself: a post from the loop's own
    // thread waits in a private queue, which a post from the hub's thread may overtake.)
    const auto subscription = hub_.subscribe(admitted->actor, std::move(admitted->recheck), session);
    session->enqueue(hooks_.live_hello(admitted->actor));
    if (stopping_) session->close();
    co_await session->read_until_closed();
    hub_.unsubscribe(subscription);
    loop.live_sessions.erase(session.get());
  }

  void record(const Request& request, int status, std::size_t bytes, Clock::time_point started) {
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    metrics_.observe_request(request.method, request.route.empty() ? "unmatched" : request.route, status,
                             seconds);
    if (options_.access_log)
      spdlog::info("access method={} path={} status={} bytes={} ms={:.3f} remote={} rid={}", request.method,
                   request.path, status, bytes, seconds * 1e3, request.remote_address, request.request_id);
  }

  ServerOptions options_;
  ServerHooks hooks_;
  Metrics& metrics_;
  LiveHub& hub_;
  asio::thread_pool workers_;
  std::vector<std::unique_ptr<Loop>> loops_;
  std::atomic<bool> stopping_{false};
  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  std::size_t running_loops_ = 0;
  bool stopped_ = false;
};

HttpServer::HttpServer(ServerOptions options, ServerHooks hooks, Metrics& metrics, LiveHub& hub)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(hooks), metrics, hub)) {}

HttpServer::~HttpServer() = default;

Result<std::uint16_t> HttpServer::start() {
  return impl_->start();
}

void HttpServer::stop() {
  impl_->stop();
}

}  // namespace tandem::net
