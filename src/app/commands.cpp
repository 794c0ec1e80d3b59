#include "app/commands.h"

#include <signal.h>

#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/api_app.h"
#include "api/error_response.h"
#include "app/runtime.h"
#include "core/policy.h"
#include "net/server.h"
#include "store/event_log.h"
#include "store/migrations.h"

namespace tandem::app {

namespace {

// Sends each committed event, as JSON, to the live clients the Policy lets see it.
void publish_events(store::Database& db, net::LiveHub& hub, const std::vector<std::int64_t>& ids) {
  std::vector<store::Event> events;
  Status read = db.read([&](store::Txn& txn) -> Status {
    TANDEM_ASSIGN(events, store::events_by_ids(txn, ids));
    return {};
  });
  if (!read.ok()) {
    spdlog::error("live: cannot read committed events: {}", read.error().internal);
    return;
  }
  for (const auto& event : events) {
    const nlohmann::json message = {
        {"type", "event"},
        {"event",
         {{"id", event.id},
          {"at", format_iso8601(event.at)},
          {"kind", event.kind},
          {"entity_type", event.entity_type},
          {"entity_id", event.entity_id},
          {"payload", nlohmann::json::parse(event.payload, nullptr, false)}}}};
    hub.publish(message.dump(), [&](const Actor& actor) {
      return Policy::can_see_event(actor, event.entity_type, event.entity_id, event.actor_id);
    });
  }
}

net::ServerOptions server_options(const Config& config, std::string host, std::uint16_t port) {
  net::ServerOptions options;
  options.host = std::move(host);
  options.port = port;
  options.io_threads = config.io_threads;
  options.worker_threads = std::max(1u, config.worker_threads);
  options.max_body_bytes = config.max_body_bytes;
  options.max_header_bytes = config.max_header_bytes;
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.max_connections = config.max_connections;
  options.access_log = config.access_log;
  return options;
}

}  // namespace

int serve_command(const Config& config) {
  auto endpoint = parse_listen(config.listen);
  if (!endpoint.ok()) return fail("serve", endpoint.error());
  // Every thread started from here on inherits the blocked signals; this thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto runtime = open_runtime(config);
  if (!runtime.ok()) return fail("serve", runtime.error());
  Runtime& rt = *runtime.value();
  net::Metrics metrics;
  net::LiveHub hub;
  api::ApiApp app({*rt.db, rt.clock, *rt.auth, *rt.users, metrics, hub}, {config.secure_cookies, config.web_root});
  rt.db->set_on_commit([&](const std::vector<std::int64_t>& ids) { publish_events(*rt.db, hub, ids); });

  net::ServerHooks hooks{
      [&app](net::Request& request) { return app.handle(request); },
      [](ErrorCode code, std::string message) { return api::error_response(Error::make(code, std::move(message))); },
      [&app](net::Request& request) { return app.authenticate_live(request); },
      [&app](const Actor& actor) { return app.live_hello(actor); },
  };
  net::HttpServer server(server_options(config, endpoint->first, endpoint->second), std::move(hooks), metrics, hub);
  auto port = server.start();
  if (!port.ok()) return fail("serve", port.error());
  const std::string shown_host = endpoint->first.find(':') != std::string::npos ? "[" + endpoint->first + "]" : endpoint->first;
  std::cout << "tandem listening on http://" << shown_host << ":" << port.value() << std::endl;
  spdlog::info("serving {} with data in {}", config.listen, config.data_dir);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("received {}: finishing in-flight requests", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  server.stop();
  rt.db->set_on_commit({});
  rt.db->close();
  spdlog::info("stopped cleanly");
  return 0;
}

int migrate_command(const Config& config) {
  auto runtime = open_runtime(config);  // applies pending migrations
  if (!runtime.ok()) return fail("migrate", runtime.error());
  auto version = store::schema_version(*runtime.value()->db);
  if (!version.ok()) return fail("migrate", version.error());
  std::cout << "schema at version " << version.value() << " in " << config.database_path() << "\n";
  runtime.value()->db->close();
  return 0;
}

int create_user_command(const Config& config, CreateUserArgs args) {
  if (args.password_stdin && !std::getline(std::cin, args.password)) {
    std::cerr << "tandem: admin create-user: no password on standard input\n";
    return 65;
  }
  auto runtime = open_runtime(config);
  if (!runtime.ok()) return fail("admin create-user", runtime.error());
  auto user = runtime.value()->users->create_user(Actor::system(), {args.email, args.name, args.role, args.password});
  runtime.value()->db->close();
  if (!user.ok()) {
    Error error = user.error();
    if (auto field = error.details.find("field"); field != error.details.end())
      error.message = "--" + field->second + ": " + error.message;
    return fail("admin create-user", error);
  }
  std::cout << "created user " << user->id << " " << user->email << " (" << to_string(user->role) << ")\n";
  return 0;
}

}  // namespace tandem::app
