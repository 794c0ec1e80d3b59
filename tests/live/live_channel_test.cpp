#include <utility>  // before Asio: Boost 1.74 with C++20 needs it first

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "app/tandem_server.h"
#include "store/seed/generated_work.h"
#include "store/temp_database.h"

namespace tandem {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;

constexpr std::string_view kPassword = "correct horse battery";
// How long a read waits for a message that should come (a loaded machine can be slow), and how long one
// waits to be sure that none comes.
constexpr std::chrono::seconds kArrival(10);
constexpr std::chrono::seconds kQuiet(2);

// A WebSocket client of /api/v1/live whose reads give up after a while.
class LiveClient {
 public:
  /// Connects with the given request header fields (name, value), e.g. Authorization or Cookie.
  LiveClient(std::uint16_t port, std::vector<std::pair<std::string, std::string>> fields) : ws_(ioc_) {
    tcp::resolver resolver(ioc_);
    asio::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port)));
    ws_.set_option(websocket::stream_base::decorator([fields](websocket::request_type& request) {
      for (const auto& [name, value] : fields) request.set(name, value);
    }));
    ws_.handshake(response_, "127.0.0.1:" + std::to_string(port), "/api/v1/live", error_);
  }

  bool connected() const { return !error_; }

  /// The next message, or null when none arrives within `wait` (the client is unusable after that).
  json next(std::chrono::seconds wait = kArrival) {
    beast::flat_buffer buffer;
    std::optional<beast::error_code> result;
    ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run_for(wait);
    if (!result) {
      ws_.next_layer().cancel();
      ioc_.restart();
      ioc_.run();
      return nullptr;
    }
    if (*result) return nullptr;
    return json::parse(beast::buffers_to_string(buffer.data()));
  }

  /// Whether the server closes the connection within `seconds` (messages meanwhile are skipped).
  bool closed_within(int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    beast::flat_buffer buffer;
    std::optional<beast::error_code> result;
    std::function<void()> read_next = [&] {
      ws_.async_read(buffer, [&](beast::error_code ec, std::size_t) {
        buffer.consume(buffer.size());
        if (ec)
          result = ec;
        else
          read_next();
      });
    };
    read_next();
    ioc_.restart();
    ioc_.run_until(deadline);
    if (!result) {
      ws_.next_layer().cancel();
      ioc_.restart();
      ioc_.run();
      return false;
    }
    return true;
  }

  /// The next event message of `kind`, skipping others; null when none arrives within `wait`.
  json next_event(std::string_view kind, std::chrono::seconds wait = kArrival) {
    for (json message = next(wait); !message.is_null(); message = next(wait))
      if (message["type"] == "event" && message["event"]["kind"] == kind) return message["event"];
    return nullptr;
  }

 private:
  asio::io_context ioc_;
  websocket::stream<tcp::socket> ws_;
  websocket::response_type response_;
  beast::error_code error_;
};

// The HTTP status a WebSocket upgrade of /api/v1/live gets with these header fields.
unsigned upgrade_status(std::uint16_t port, const std::vector<std::pair<std::string, std::string>>& fields) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  asio::connect(socket, tcp::resolver(ioc).resolve("127.0.0.1", std::to_string(port)));
  beast::http::request<beast::http::empty_body> request{beast::http::verb::get, "/api/v1/live", 11};
  request.set(beast::http::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(beast::http::field::connection, "Upgrade");
  request.set(beast::http::field::upgrade, "websocket");
  request.set(beast::http::field::sec_websocket_version, "13");
  request.set(beast::http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  for (const auto& [name, value] : fields) request.set(name, value);
  beast::http::write(socket, request);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> response;
  beast::http::read(socket, buffer, response);
  return response.result_int();
}

class LiveChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app::Config config;
    config.listen = "127.0.0.1:0";
    config.data_dir = (temp_.dir() / "data").string();
    config.access_log = false;
    auto server = app::TandemServer::start(config);
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(server.value());
    admin_ = make_user("admin@example.com", "admin");
    agent_ = make_user("agent@example.com", "agent");
  }

  store::UserRow make_user(const std::string& email, const std::string& role) {
    auto user = server_->runtime().services->users.create_user(Actor::system(),
                                                               {email, email, role, std::string(kPassword)});
    EXPECT_TRUE(user.ok());
    return user.value();
  }

  std::vector<std::pair<std::string, std::string>> bearer_for(const store::UserRow& user) {
    auto token =
        server_->runtime().services->auth.create_token(Actor::user(user.id, user.role, user.name), "live");
    EXPECT_TRUE(token.ok());
    return {{"Authorization", "Bearer " + token->secret}};
  }

  store::TempDatabase temp_{"live-test"};  // only for its temporary folder
  std::unique_ptr<app::TandemServer> server_;
  store::UserRow admin_, agent_;
};

}  // namespace

TEST_F(LiveChannelTest, RefusesClientsThatAreNotSignedIn) {
  EXPECT_FALSE(LiveClient(server_->port(), {}).connected());
  EXPECT_EQ(upgrade_status(server_->port(), {}), 401u);
  EXPECT_EQ(upgrade_status(server_->port(), {{"Authorization", "Bearer tdm_forged"}}), 401u);
  EXPECT_EQ(upgrade_status(server_->port(), bearer_for(admin_)), 101u);
}

TEST_F(LiveChannelTest, GreetsTheUserThenPushesCommittedChanges) {
  LiveClient client(server_->port(), bearer_for(admin_));
  ASSERT_TRUE(client.connected());
  const json hello = client.next();
  EXPECT_EQ(hello["type"], "hello");
  EXPECT_EQ(hello["user"]["id"], admin_.id);

  const auto created = make_user("new@example.com", "agent");
  const json event = client.next_event("user.created");
  ASSERT_FALSE(event.is_null()) << "no user.created event arrived";
  EXPECT_EQ(event["entity_type"], "user");
  EXPECT_EQ(event["entity_id"], created.id);
  EXPECT_EQ(event["payload"]["email"], "new@example.com");
  EXPECT_FALSE(event["payload"].contains("password_hash"));
}

TEST_F(LiveChannelTest, EachClientSeesOnlyWhatThePolicyAllows) {
  LiveClient admin(server_->port(), bearer_for(admin_));
  LiveClient agent(server_->port(), bearer_for(agent_));
  ASSERT_TRUE(admin.connected() && agent.connected());
  ASSERT_EQ(admin.next()["type"], "hello");
  ASSERT_EQ(agent.next()["type"], "hello");

  // The agent's new token is the agent's business only.
  ASSERT_TRUE(server_->runtime()
                  .services->auth.create_token(Actor::user(agent_.id, agent_.role, agent_.name), "mine")
                  .ok());
  EXPECT_FALSE(agent.next_event("api_token.created").is_null());
  EXPECT_TRUE(admin.next_event("api_token.created", kQuiet).is_null()) << "another user's token event leaked";
}

TEST_F(LiveChannelTest, TakesSessionCookiesOnlyFromItsOwnPages) {
  auto session = server_->runtime().services->auth.login("admin@example.com", kPassword, "127.0.0.1", "test");
  ASSERT_TRUE(session.ok());
  const std::string cookie = "tandem_session=" + session->secret;
  const std::string own_origin = "http://127.0.0.1:" + std::to_string(server_->port());

  LiveClient own_page(server_->port(), {{"Cookie", cookie}, {"Origin", own_origin}});
  ASSERT_TRUE(own_page.connected());
  EXPECT_EQ(own_page.next()["type"], "hello");

  EXPECT_FALSE(
      LiveClient(server_->port(), {{"Cookie", cookie}, {"Origin", "https://evil.example"}}).connected());
  EXPECT_EQ(upgrade_status(server_->port(), {{"Cookie", cookie}, {"Origin", "https://evil.example"}}), 403u);
}

TEST_F(LiveChannelTest, PushesItemChangesOnlyToThoseWhoMaySeeTheItem) {
  std::int64_t hidden_project = 0;
  ASSERT_TRUE(server_->runtime()
                  .db
                  ->write([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(hidden_project, store::insert_generated_project(txn, "Board only", 0, 0));
                    return {};
                  })
                  .ok());
  LiveClient agent(server_->port(), bearer_for(agent_));
  ASSERT_TRUE(agent.connected());
  ASSERT_EQ(agent.next()["type"], "hello");
  const Actor admin = Actor::user(admin_.id, admin_.role, admin_.name);
  auto& items = server_->runtime().services->items;

  ASSERT_TRUE(
      items.create_item(admin, {{"title", "Board secret"}, {"project_id", hidden_project}}, "api").ok());
  auto shared = items.create_item(admin, {{"title", "Everyone's"}}, "api");
  ASSERT_TRUE(shared.ok());
  const json created = agent.next_event("item.created");
  ASSERT_FALSE(created.is_null()) << "no item.created event arrived";
  EXPECT_EQ(created["entity_id"], shared->id) << "an item of a project the agent is not in leaked";

  ASSERT_TRUE(items.update_item(admin, shared->id, {{"priority", 4}}, std::nullopt).ok());
  const json updated = agent.next_event("item.updated");
  ASSERT_FALSE(updated.is_null());
  EXPECT_EQ(updated["payload"]["changes"]["priority"]["to"], 4);
}

TEST_F(LiveChannelTest, DisconnectsAClientOnceItsTokenIsRevoked) {
  const Actor agent = Actor::user(agent_.id, agent_.role, agent_.name);
  auto token = server_->runtime().services->auth.create_token(agent, "live");
  ASSERT_TRUE(token.ok());
  LiveClient client(server_->port(), {{"Authorization", "Bearer " + token->secret}});
  ASSERT_TRUE(client.connected());
  ASSERT_EQ(client.next()["type"], "hello");

  ASSERT_TRUE(server_->runtime().services->auth.revoke_token(agent, token->token.id).ok());
  // Nobody calls recheck_live_clients(): the server's own periodic check must close it.
  EXPECT_TRUE(client.closed_within(15)) << "a client with a revoked token stayed connected";
}

TEST_F(LiveChannelTest, DisconnectsASignedOutSessionAndKeepsTheOthers) {
  auto& auth = server_->runtime().services->auth;
  auto session = auth.login("admin@example.com", kPassword, "127.0.0.1", "test");
  ASSERT_TRUE(session.ok());
  const std::string own_origin = "http://127.0.0.1:" + std::to_string(server_->port());
  LiveClient signed_out(server_->port(),
                        {{"Cookie", "tandem_session=" + session->secret}, {"Origin", own_origin}});
  LiveClient admin(server_->port(), bearer_for(admin_));
  ASSERT_TRUE(signed_out.connected() && admin.connected());
  ASSERT_EQ(signed_out.next()["type"], "hello");
  ASSERT_EQ(admin.next()["type"], "hello");

  ASSERT_TRUE(auth.logout(session->session_id).ok());
  server_->recheck_live_clients();
  EXPECT_TRUE(signed_out.closed_within(5)) << "a signed-out session stayed connected";

  const auto created = make_user("after@example.com", "agent");
  const json event = admin.next_event("user.created");
  ASSERT_FALSE(event.is_null()) << "a client still signed in stopped receiving events";
  EXPECT_EQ(event["entity_id"], created.id);
}

}  // namespace tandem
