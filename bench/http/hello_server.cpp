// The physical reference for the HTTP benchmarks: a bare Boost.Beast HTTP/1.1 keep-alive server, built the
// way Tandem's server is (one single-threaded io_context and SO_REUSEPORT acceptor per core, C++20
// coroutines), that answers every request with 200 "hello". Usage: bench_hello_server ADDRESS PORT (port 0
// picks a free one).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(30);

struct Loop {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::thread thread;
};

// Serves one connection: reads requests and answers each with "hello" until the peer closes, asks to
// close, sends something unparsable or stays idle past kIdleTimeout.
asio::awaitable<void> serve(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    http::request<http::string_body> request;
    stream.expires_after(kIdleTimeout);
    co_await http::async_read(stream, buffer, request, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;

    http::response<http::string_body> response(http::status::ok, request.version());
    response.set(http::field::content_type, "text/plain");
    response.body() = "hello";
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

// Accepts connections on the loop's acceptor until it fails, and serves each on the same loop.
asio::awaitable<void> accept_loop(Loop& loop) {
  for (;;) {
    tcp::socket socket(loop.ioc);
    beast::error_code ec;
    co_await loop.acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(loop.ioc, serve(std::move(socket)), asio::detached);
  }
}

// Opens the loop's acceptor on `endpoint` with SO_REUSEPORT, so every loop can listen on one port; throws
// on failure.
void listen(Loop& loop, const tcp::endpoint& endpoint) {
  loop.acceptor.open(endpoint.protocol());
  loop.acceptor.set_option(asio::socket_base::reuse_address(true));
  loop.acceptor.set_option(ReusePort(true));
  loop.acceptor.bind(endpoint);
  loop.acceptor.listen(asio::socket_base::max_listen_connections);
}

}  // namespace

// Listens on ADDRESS:PORT with one loop per core, prints the URL, and serves until SIGINT or SIGTERM.
int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s ADDRESS PORT\n", argv[0]);
    return 2;
  }
  try {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    tcp::endpoint endpoint(asio::ip::make_address(argv[1]), static_cast<unsigned short>(std::stoi(argv[2])));
    std::vector<std::unique_ptr<Loop>> loops;
    for (unsigned i = 0; i < threads; ++i) {
      auto& loop = *loops.emplace_back(std::make_unique<Loop>());
      listen(loop, endpoint);
      endpoint.port(loop.acceptor.local_endpoint().port());
    }
    std::printf("listening on http://%s:%u\n", argv[1], endpoint.port());
    std::fflush(stdout);

    asio::signal_set signals(loops.front()->ioc, SIGINT, SIGTERM);
    signals.async_wait([&loops](const beast::error_code&, int) {
      for (auto& loop : loops) loop->ioc.stop();
    });
    for (auto& loop : loops) {
      asio::co_spawn(loop->ioc, accept_loop(*loop), asio::detached);
      loop->thread = std::thread([&ioc = loop->ioc] { ioc.run(); });
    }
    for (auto& loop : loops) loop->thread.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_hello_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
